/** The lab's source topics: a few small ones and one with many partitions. */
export function labTopics(manyPartitions: number): Array<{ topic: string; numPartitions: number }> {
  return [
    { topic: 'orders', numPartitions: 3 },
    { topic: 'payments', numPartitions: 6 },
    { topic: 'clicks', numPartitions: manyPartitions },
  ];
}

export const LAB_CONSUMER_GROUP = 'lab-orders-consumer';
export const LAB_CONSUMED_TOPIC = 'orders';
