using System.Collections;
using System.Collections.Generic;
using Lef.Infra.Dsl.Model;
using Microsoft.CodeAnalysis.Text;

namespace Lef.Infra.Analyzers;

/// <summary>
/// A declaration's arguments by (dotted) parameter name, each with where it is written: a dozen entries at most, kept in
/// two arrays and searched in order. A dictionary per declaration cost more than the rest of reading it. The model sees the
/// sites through <see cref="IReadOnlyDictionary{TKey, TValue}"/>, each made when asked (for a violation), not when read.
/// The arrays are exactly as long as the table; declarations written the same way share one array of names. Only spans
/// are kept, with the file's <see cref="SiteMaker"/>.
/// </summary>
internal sealed class ArgumentTable : IReadOnlyDictionary<string, SourceSite>
{
    private readonly string[] names;
    private readonly TextSpan[] spans;
    private readonly SiteMaker sites;

    private ArgumentTable(string[] names, TextSpan[] spans, SiteMaker sites)
    {
        this.names = names;
        this.spans = spans;
        this.sites = sites;
    }

    public int Count => names.Length;

    public IEnumerable<string> Keys => names;

    public IEnumerable<SourceSite> Values
    {
        get
        {
            foreach (var span in spans)
            {
                yield return sites.Of(span);
            }
        }
    }

    public SourceSite this[string key] => TryGetValue(key, out var site) ? site : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out SourceSite value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? sites.Of(spans[index]) : null!;
        return index >= 0;
    }

    public IEnumerator<KeyValuePair<string, SourceSite>> GetEnumerator()
    {
        for (var i = 0; i < names.Length; i++)
        {
            yield return new KeyValuePair<string, SourceSite>(names[i], sites.Of(spans[i]));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (string.Equals(names[i], key, System.StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Collects one declaration's arguments, then makes its table (<see cref="ToTable"/>). Reused declaration after
    /// declaration; it remembers the name sequences it made, so the tables of declarations written alike share their names.
    /// </summary>
    internal sealed class Builder
    {
        // A handful of shapes per record type (positional or named, with or without views); more than this is unusual.
        private const int SharedShapes = 32;

        private readonly List<string[]> shapes = [];
        private string[] names = new string[12];
        private TextSpan[] spans = new TextSpan[12];
        private int count;

        public void Clear() => count = 0;

        public void Add(string name, ArgumentSketch argument)
        {
            if (count == names.Length)
            {
                System.Array.Resize(ref names, count * 2);
                System.Array.Resize(ref spans, count * 2);
            }

            names[count] = name;
            spans[count] = argument.Span;
            count++;
        }

        /// <param name="sites">The file's: makes each site when the model asks.</param>
        public ArgumentTable ToTable(SiteMaker sites)
        {
            var made = new TextSpan[count];
            System.Array.Copy(spans, made, count);
            return new ArgumentTable(Shape(), made, sites);
        }

        /// <summary>The names as an array: one made before when the same names came in the same order (they are the reader's own strings, so compared by reference).</summary>
        private string[] Shape()
        {
            foreach (var shape in shapes)
            {
                if (Same(shape))
                {
                    return shape;
                }
            }

            var made = new string[count];
            System.Array.Copy(names, made, count);
            if (shapes.Count < SharedShapes)
            {
                shapes.Add(made);
            }

            return made;
        }

        private bool Same(string[] shape)
        {
            if (shape.Length != count)
            {
                return false;
            }

            for (var i = 0; i < count; i++)
            {
                if (!ReferenceEquals(shape[i], names[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
