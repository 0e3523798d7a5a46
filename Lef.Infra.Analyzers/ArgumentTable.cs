using System.Collections;
using System.Collections.Generic;
using Lef.Infra.Dsl.Model;

namespace Lef.Infra.Analyzers;

/// <summary>
/// A declaration's arguments by (dotted) parameter name, each with its site and value: a dozen entries at most, kept in two
/// arrays and searched in order. A dictionary per declaration cost more than the rest of reading it; the model sees the
/// sites through <see cref="IReadOnlyDictionary{TKey, TValue}"/>.
/// </summary>
internal sealed class ArgumentTable : IReadOnlyDictionary<string, SourceSite>
{
    // An endpoint has ten (its Backend's two and each view's among them): room for that without growing.
    private string[] names = new string[12];
    private SourceSite[] sites = new SourceSite[12];

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
                yield return sites[i];
            }
        }
    }

    public SourceSite this[string key] => TryGetValue(key, out var site) ? site : throw new KeyNotFoundException(key);

    public void Add(string name, SourceSite site)
    {
        if (Count == names.Length)
        {
            System.Array.Resize(ref names, Count * 2);
            System.Array.Resize(ref sites, Count * 2);
        }

        names[Count] = name;
        sites[Count] = site;
        Count++;
    }

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out SourceSite value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? sites[index] : null!;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, SourceSite>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return new KeyValuePair<string, SourceSite>(names[i], sites[i]);
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
