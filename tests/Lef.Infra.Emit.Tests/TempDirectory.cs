using System;
using System.IO;
using System.Threading;

namespace Lef.Infra.Emit.Tests;

/// <summary>A fresh folder, removed afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    private static int counter;

    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lef-emit-" + Environment.ProcessId + "-" + Interlocked.Increment(ref counter));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
