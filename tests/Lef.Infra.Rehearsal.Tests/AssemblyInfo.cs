using Xunit;

// The rehearsal measures timings: two of them at once would share 2 cores and blur the numbers.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Network namespaces, veth pairs, ifupdown: the rehearsal is Linux by nature.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
