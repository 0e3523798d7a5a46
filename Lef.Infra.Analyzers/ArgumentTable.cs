using System.Collections;
using System.Collections.Generic;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Analyzers;

/// <summary>
/// A declaration's arguments by (dotted) parameter name, each with its sketch: a dozen entries at most, kept in two arrays
/// and searched in order. A dictionary per declaration cost more than the rest of reading it. The model sees the sites
/// through <see cref="IReadOnlyDictionary{TKey, TValue}"/>, each made when asked (for a violation), not when read.
/// </summary>
internal sealed class ArgumentTable : IReadOnlyDictionary<string, SourceSite>
{
    // An endpoint has ten (its Backend's two and each view's among them): room for that without growing.
    private string[] names = new string[12];
    private ArgumentSketch[] arguments = new ArgumentSketch[12];

    public int Count { get; private set; }

    public IEnumerable<string> Keys
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                yield return names[i];
            }
        }
    }

    public IEnumerable<SourceSite> Values
    {
        get
        {
            for (var i = 0; i < Count; i++)
            {
                yield return arguments[i].Site;
            }
        }
    }

    public SourceSite this[string key] => TryGetValue(key, out var site) ? site : throw new KeyNotFoundException(key);

    public void Add(string name, ArgumentSketch argument)
    {
        if (Count == names.Length)
        {
            System.Array.Resize(ref names, Count * 2);
            System.Array.Resize(ref arguments, Count * 2);
        }

        names[Count] = name;
        arguments[Count] = argument;
        Count++;
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out SourceSite value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? arguments[index].Site : null!;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, SourceSite>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return new KeyValuePair<string, SourceSite>(names[i], arguments[i].Site);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(names[i], key, System.StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
