using System.Collections.Generic;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Analyzers;

/// <summary>One declaration's values by (dotted) parameter name, however they were read: from syntax, or from the binder's operations.</summary>
internal interface IDeclarationValues
{
    string Key { get; }

    string Field { get; }

    SourceSite Site { get; }

    Dictionary<string, SourceSite> Sites { get; }

    string? String(string name);

    int? Int(string name);

    /// <summary>A reference to another topology field, as that field's key.</summary>
    string? Reference(string name);

    /// <summary>A list of constants written out in place; null when it is not one.</summary>
    IReadOnlyList<string?>? StringList(string name);

    /// <summary>A list of topology field references written out in place; null when omitted.</summary>
    IReadOnlyList<string?>? ReferenceList(string name);
}
