/** Read-only admin view of one Kafka cluster (source or target), named for error messages. */
export interface PartitionOffsets {
  topic: string;
  partition: number;
  /** Log start offset. */
  earliest: number;
  /** Log end offset (the offset the next record will get). */
  latest: number;
}

export interface GroupOffset {
  topic: string;
  partition: number;
  /** Next offset the group will consume; absent when the group has no commit for the partition. */
  offset?: number;
}

export interface ConsumerGroupSummary {
  groupId: string;
  protocolType: string;
}

export interface TopicMetadata {
  name: string;
  partitions: number;
}

export interface KafkaAdmin {
  /** The cluster's alias, e.g. `source` or `target`. */
  readonly cluster: string;
  listTopics(): Promise<string[]>;
  topicMetadata(topics: string[]): Promise<TopicMetadata[]>;
  /** Earliest and latest offsets of every partition of the given topics; unknown topics are skipped. */
  topicOffsets(topics: string[]): Promise<PartitionOffsets[]>;
  listGroups(): Promise<ConsumerGroupSummary[]>;
  /** A group's committed offsets, restricted to `topics` when given. */
  groupOffsets(groupId: string, topics?: string[]): Promise<GroupOffset[]>;
  close(): Promise<void>;
}
