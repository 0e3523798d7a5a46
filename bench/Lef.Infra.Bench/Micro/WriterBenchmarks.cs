using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Lef.Infra.Dsl.Model;
using Lef.Infra.Emit.Deployment;
using Lef.Infra.Emit.Writers;

namespace Lef.Infra.Bench.Micro;

/// <summary>Each writer, and the whole in-memory render, on estates a decade apart. Public and unsealed: BenchmarkDotNet derives from it.</summary>
[MemoryDiagnoser]
public class WriterBenchmarks
{
    private TopologyModel model = null!;
    private string host = string.Empty;
    private string parentInterface = string.Empty;

    [Params(1_000, 10_000)]
    public int Endpoints { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        model = EstateModel.Load(Endpoints);
        host = model.Pools[0].Host!;
        parentInterface = model.Pools[0].Interface!;
    }

    [Benchmark]
    public int HaproxyConfig() => HaproxyConfigWriter.Write(model, host).Length;

    [Benchmark]
    public int Interfaces() => InterfacesWriter.Write(model, host, parentInterface).Length;

    [Benchmark]
    public int Zone() => ZoneWriter.Write(ZoneWriter.ARecords(model, model.ViewsInMatchOrder.FirstOrDefault()), serial: 1, model.ViewsInMatchOrder.FirstOrDefault()).Length;

    [Benchmark]
    public int NamedConf() => NamedConfWriter.WriteViews(model).Length;

    [Benchmark]
    public int FactsTable() => FactsTableWriter.Write(model).Length;

    [Benchmark]
    public int AddressMap() => AddressMapWriter.Write(model).Length;

    [Benchmark]
    public int RenderAll() => ArtifactSet.Render(model, new Dictionary<string, string>(), new DateOnly(2025, 1, 1)).Files.Sum(f => f.Value.Length);
}
