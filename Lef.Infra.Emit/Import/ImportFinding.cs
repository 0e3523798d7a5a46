namespace Lef.Infra.Emit.Import;

/// <summary>How much a finding matters to the person finishing the import.</summary>
internal enum FindingKind
{
    /// <summary>A setting Lef.Infra writes its own way (timeouts, logging, check tuning): nothing to decide, listed so nothing vanishes unseen.</summary>
    Note,

    /// <summary>Live behaviour the DSL cannot express (HTTP, backup servers, ACLs, ...) or a guess: a human decides; also a TODO in the generated code.</summary>
    Warning,

    /// <summary>The input cannot be read as the live program reads it (an <c>.if</c> the import cannot evaluate, an <c>$INCLUDE</c> loop): import writes nothing.</summary>
    Error,
}

/// <summary>Something in the live files the import did not map one to one, with the line it comes from.</summary>
internal sealed record ImportFinding(ConfigSite Site, FindingKind Kind, string Message)
{
    /// <summary><c>haproxy.cfg:42: warning: ...</c>, the shape compilers print, so editors can jump to it.</summary>
    public override string ToString() => Site + Kind switch { FindingKind.Warning => ": warning: ", FindingKind.Error => ": error: ", _ => ": note: " } + Message;

    public static ImportFinding Note(ConfigSite site, string message) => new(site, FindingKind.Note, message);

    public static ImportFinding Warning(ConfigSite site, string message) => new(site, FindingKind.Warning, message);

    public static ImportFinding Error(ConfigSite site, string message) => new(site, FindingKind.Error, message);
}
