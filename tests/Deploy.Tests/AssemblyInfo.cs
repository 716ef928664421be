// One jsii runtime (a node child process) serves the whole test process, and it answers one call at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
