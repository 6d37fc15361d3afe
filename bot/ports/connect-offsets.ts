/** One committed source offset of a connector (`GET /connectors/{name}/offsets`). */
export interface SourceOffset {
  /** MirrorSourceConnector's source cluster alias, when the partition key carries one. */
  cluster?: string;
  topic: string;
  partition: number;
  /** The last offset the connector committed (the next record to replicate is offset + 1). */
  offset: number;
}

export interface ConnectOffsets {
  /** Rejects with CONNECT_UNREACHABLE / NOT_FOUND. */
  sourceOffsets(connector: string): Promise<SourceOffset[]>;
}
