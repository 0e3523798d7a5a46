using System.Collections.Generic;
using Lef.Infra.Dsl;

namespace Lef.Infra.Emit.Import;

/// <summary>The view a zone file says it was emitted for, from the emitter's header comment.</summary>
internal sealed record ZoneViewHeader(string Name, string Field, ViewKind Kind, IReadOnlyList<string> MatchClients, ConfigSite Site);

/// <summary>What one zone file holds: its A records, what was not mapped, and the view it was emitted for, if it says.</summary>
internal sealed record ZoneFile(string File, IReadOnlyList<ZoneRecord> Records, IReadOnlyList<ImportFinding> Findings, ZoneViewHeader? Header);
