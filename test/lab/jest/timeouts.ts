// Integration tests wait on real replication, rebalances and scrapes: seconds to a minute or two.
jest.setTimeout(240000);
