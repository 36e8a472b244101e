// Every test starts real processes (nodes, simulators, PostgreSQL) on a two-core machine; run side by side they would
// starve each other's sped-up clocks, so they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
