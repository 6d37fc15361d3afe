/** What the cutover reads from a cluster beyond KafkaAdmin: group membership and topic configs. */
export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
}

export interface GroupDescription {
  groupId: string;
  /** Kafka's group state: `Empty`, `Stable`, `PreparingRebalance`, `CompletingRebalance`, `Dead` (absent). */
  state: string;
  members: GroupMember[];
}

export interface TopicConfigs {
  topic: string;
  /** Only explicitly set (non-default) configs. */
  configs: Record<string, string>;
}

export interface KafkaGroups {
  readonly cluster: string;
  /** Absent groups come back with state `Dead` and no members. */
  describeGroups(groupIds: string[]): Promise<GroupDescription[]>;
  /** Non-default configs of the given topics; unknown topics are skipped. */
  topicConfigs(topics: string[]): Promise<TopicConfigs[]>;
}
