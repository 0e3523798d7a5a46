using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace Lef.Infra.Analyzers;

/// <summary>
/// Sketches a topology field from its text, without making the syntax nodes inside it: a build's analyzer would otherwise
/// make every node of every field (most of a topology's source) just to read literals and dotted names. It reads a whole
/// plain declaration after its modifiers (<see cref="ScanField"/>: <c>T Name = new(...);</c>), or an initializer alone
/// (<see cref="Scan"/>), and only the plain shapes TreeSketch reads (<c>new(...)</c> or <c>new T(...)</c> whose arguments are string
/// and int literals, dotted names, nested creations and collection expressions of literals and names), written in ASCII
/// with spaces and comments between tokens. Anything else (an escape, a directive, a keyword, a cast, an operator, a
/// trailing comma, any character it does not expect) makes it decline, and TreeSketch reads the field from its syntax as
/// before, so a sketch is the same whichever way it is made (<c>InitializerScannerTests</c> and <c>TreeSketchTests</c>
/// compare the two).
/// </summary>
internal sealed class InitializerScanner
{
    private readonly Func<string?, string, WrittenName> written;
    private readonly Func<ArgumentSketch?> argument;

    /// <summary>C#'s reserved keywords: none of them can start a name the sketch reads.</summary>
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while", "__arglist", "__makeref", "__reftype", "__refvalue",
    };

    private static readonly object?[] SmallInts = new object?[8192];

    private readonly Interned names = new();

    /// <summary>What <see cref="ScanField"/> read last: one per scanner, filled again by every call.</summary>
    private readonly PlainField field = new();
    private readonly Func<ArgumentSketch?> element;
    private readonly List<string> parts = new(4);
    private readonly Stack<List<ArgumentSketch>> scratch = new();
    private char[] buffer = new char[256];
    private int start;
    private int end;
    private int at;

    /// <param name="written">The file's one and two-part names, each made once (<see cref="TreeSketch"/>).</param>
    public InitializerScanner(Func<string?, string, WrittenName> written)
    {
        this.written = written;
        argument = Argument;
        element = () => Value(null);
    }

    /// <summary>The creation written in <paramref name="span"/> of <paramref name="text"/>; null when TreeSketch must read it.</summary>
    public CreationSketch? Scan(SourceText text, TextSpan span)
    {
        Load(text, span);
        var creation = Creation();
        SkipTrivia();
        return creation is not null && at == end ? creation : null;
    }

    /// <summary>
    /// A whole candidate field after its modifiers, <c>T Name = new(...);</c>, from <paramref name="from"/> (the end of the
    /// last modifier) to <paramref name="to"/> (the end of the declaration): read from its text, the declaration needs no
    /// syntax node below itself. Null for anything else (two declarators, no initializer, a generic, array or nullable
    /// type, a keyword, a directive, an initializer it would not scan): TreeSketch reads that field from its syntax.
    /// The result is this scanner's one <see cref="PlainField"/>: take its values before the next call.
    /// </summary>
    public PlainField? ScanField(SourceText text, int from, int to)
    {
        if (to <= from)
        {
            return null;
        }

        Load(text, TextSpan.FromBounds(from, to));
        SkipTrivia();
        var typeStart = at;
        if (at >= end || !IsIdentifierStart(buffer[at]) || DottedName(out var typeEnd, isValue: false) is not { } type)
        {
            return null;
        }

        SkipTrivia();
        var nameStart = at;
        if (Identifier(intern: false, out var isKeyword) is not { } name || isKeyword)
        {
            return null;
        }

        var nameEnd = at;
        SkipTrivia();
        if (!Take('=') || (at < end && buffer[at] is '=' or '>'))
        {
            return null;
        }

        SkipTrivia();
        if (Creation() is not { } creation)
        {
            return null;
        }

        SkipTrivia();
        if (!Take(';') || at != end)
        {
            return null;
        }

        // What hashing the type's node hashes: an identifier's text, or a qualified name's text with its inner trivia.
        field.Type = type;
        field.TypeText = type.Parts.Length == 1 ? type.Text : new string(buffer, typeStart, typeEnd - typeStart);
        field.Name = name;
        field.TypeStart = start + typeStart;
        field.NameSpan = new TextSpan(start + nameStart, nameEnd - nameStart);
        field.Creation = creation;
        return field;
    }

    /// <summary>Copies <paramref name="span"/> of the file into the buffer and starts scanning at its beginning.</summary>
    private void Load(SourceText text, TextSpan span)
    {
        if (span.Length > buffer.Length)
        {
            buffer = new char[Math.Max(span.Length, buffer.Length * 2)];
        }

        text.CopyTo(span.Start, buffer, 0, span.Length);
        (start, end, at) = (span.Start, span.Length, 0);
    }

    /// <summary><c>new(args)</c> or <c>new T(args)</c>, at <see cref="at"/>.</summary>
    private CreationSketch? Creation()
    {
        if (!Keyword("new"))
        {
            return null;
        }

        SkipTrivia();
        WrittenName? type = null;
        if (at < end && IsIdentifierStart(buffer[at]))
        {
            type = DottedName(out _, isValue: false);
            if (type is null)
            {
                return null;
            }

            SkipTrivia();
        }

        if (!Take('('))
        {
            return null;
        }

        SkipTrivia();
        var arguments = Sequence(')', argument);
        if (arguments.IsDefault)
        {
            return null;
        }

        return type is null
            ? new CreationSketch(null, default, arguments)
            : new CreationSketch(new WrittenType(type), arguments);
    }

    /// <summary>Items separated by commas up to <paramref name="close"/> (no trailing comma); default when one is not readable.</summary>
    private ImmutableArray<ArgumentSketch> Sequence(char close, Func<ArgumentSketch?> item)
    {
        if (Take(close))
        {
            return ImmutableArray<ArgumentSketch>.Empty;
        }

        var items = scratch.Count > 0 ? scratch.Pop() : new List<ArgumentSketch>(8);
        try
        {
            while (true)
            {
                if (item() is not { } read)
                {
                    return default;
                }

                items.Add(read);
                SkipTrivia();
                if (Take(close))
                {
                    return ImmutableArray.CreateRange(items);
                }

                if (!Take(','))
                {
                    return default;
                }

                SkipTrivia();
            }
        }
        finally
        {
            items.Clear();
            scratch.Push(items);
        }
    }

    /// <summary><c>[Name:] value</c>: a nested creation, a collection expression, a literal or a dotted name.</summary>
    private ArgumentSketch? Argument()
    {
        string? name = null;
        var mark = at;
        if (at < end && IsIdentifierStart(buffer[at]) && Identifier(intern: true, out var isKeyword) is { } identifier)
        {
            SkipTrivia();
            if (at < end && buffer[at] == ':' && !(at + 1 < end && buffer[at + 1] == ':'))
            {
                if (isKeyword)
                {
                    return null;
                }

                at++;
                name = identifier;
                SkipTrivia();
            }
            else
            {
                at = mark;
            }
        }

        var first = at;
        if (Peek("new"))
        {
            return Creation() is { } creation ? new ArgumentSketch(name, ValueShape.Creation, Span(first), creation) : null;
        }

        if (Take('['))
        {
            SkipTrivia();
            var elements = Sequence(']', element);
            return elements.IsDefault ? null : new ArgumentSketch(name, ValueShape.List, Span(first), elements);
        }

        return Value(name);
    }

    /// <summary>A string or int literal, or a dotted name; null for anything else.</summary>
    private ArgumentSketch? Value(string? name)
    {
        if (at >= end)
        {
            return null;
        }

        var first = at;
        var c = buffer[at];
        if (c == '"')
        {
            return StringLiteral() is { } text ? new ArgumentSketch(name, ValueShape.Literal, Span(first), text) : null;
        }

        if (c is >= '0' and <= '9')
        {
            return IntLiteral() is { } number ? new ArgumentSketch(name, ValueShape.Literal, Span(first), number) : null;
        }

        if (!IsIdentifierStart(c))
        {
            return null;
        }

        var dotted = DottedName(out var last, isValue: true);
        if (dotted is null)
        {
            return null;
        }

        // The site ends with the last identifier, not with the trivia after it.
        return new ArgumentSketch(name, ValueShape.Name, new TextSpan(start + first, last - first), dotted);
    }

    /// <summary><c>A</c> or <c>A.B.C</c> (spaces and comments allowed around the dots); null when it is not one.</summary>
    private WrittenName? DottedName(out int last, bool isValue)
    {
        parts.Clear();
        last = at;
        while (true)
        {
            if (Identifier(intern: true, out var isKeyword) is not { } part || isKeyword)
            {
                return null;
            }

            parts.Add(part);
            last = at;
            SkipTrivia();
            if (at < end && buffer[at] == '.' && !(at + 1 < end && buffer[at + 1] == '.'))
            {
                at++;
                SkipTrivia();
                continue;
            }

            // Back to the end of the name: what follows is the caller's.
            at = last;
            if (isValue && !IsNameEnd(NextSignificant()))
            {
                return null;
            }

            return parts.Count switch
            {
                1 => written(null, parts[0]),
                2 => written(parts[0], parts[1]),
                _ => new WrittenName(parts.ToImmutableArray(), string.Join(".", parts.GetRange(0, parts.Count - 1)), string.Join(".", parts)),
            };
        }
    }

    /// <summary>What may follow a name the sketch reads: the end of an argument or element. A '(' (a call), '&lt;' (generic), '?', '!', '[', ':' do not.</summary>
    private static bool IsNameEnd(char c) => c is ',' or ')' or ']' or '\0';

    private char NextSignificant()
    {
        var mark = at;
        SkipTrivia();
        var c = at < end ? buffer[at] : '\0';
        at = mark;
        return c;
    }

    /// <summary>
    /// An ASCII identifier (no <c>@</c>, no escapes), or null; made once per file (<paramref name="intern"/>), unless it is a
    /// field's own name (written once). <paramref name="isKeyword"/>: whether it is one of C#'s reserved keywords.
    /// </summary>
    private string? Identifier(bool intern, out bool isKeyword)
    {
        isKeyword = false;
        if (at >= end || !IsIdentifierStart(buffer[at]))
        {
            return null;
        }

        var first = at;
        while (at < end && IsIdentifierPart(buffer[at]))
        {
            at++;
        }

        // A non-ASCII letter or a '\u' escape continues the identifier in C#: only the syntax can say how.
        if (at < end && (buffer[at] > 0x7F || buffer[at] == '\\'))
        {
            return null;
        }

        if (intern)
        {
            return names.Get(buffer, first, at - first, out isKeyword);
        }

        var made = new string(buffer, first, at - first);
        isKeyword = Keywords.Contains(made);
        return made;
    }

    /// <summary>A regular string literal without escapes or newlines; null for anything else (verbatim, raw, interpolated, escaped).</summary>
    private string? StringLiteral()
    {
        var first = ++at;
        while (at < end)
        {
            switch (buffer[at])
            {
                case '"':
                    var text = new string(buffer, first, at - first);
                    at++;
                    return text;
                case '\\' or '\r' or '\n' or '\u0085' or '\u2028' or '\u2029':
                    return null;
                default:
                    at++;
                    break;
            }
        }

        return null;
    }

    /// <summary>A decimal literal that is an int (no suffix, separator, exponent or point); null otherwise.</summary>
    private object? IntLiteral()
    {
        long value = 0;
        while (at < end && buffer[at] is >= '0' and <= '9')
        {
            value = (value * 10) + (buffer[at] - '0');
            if (value > int.MaxValue)
            {
                return null;
            }

            at++;
        }

        if (at < end && (IsIdentifierPart(buffer[at]) || buffer[at] is '.' or '\\' || buffer[at] > 0x7F))
        {
            return null;
        }

        return Box((int)value);
    }

    /// <summary>Ports and alias numbers repeat across a topology: each small value is boxed once (a race boxes it twice, harmlessly).</summary>
    private static object Box(int value)
    {
        if (value >= SmallInts.Length)
        {
            return value;
        }

        return SmallInts[value] ??= value;
    }

    /// <summary>Spaces, tabs, line breaks and comments. A directive, or any other whitespace, stops it (and the scan fails on it).</summary>
    private void SkipTrivia()
    {
        while (at < end)
        {
            switch (buffer[at])
            {
                case ' ' or '\t' or '\r' or '\n' or '\f' or '\v':
                    at++;
                    break;
                case '/' when at + 1 < end && buffer[at + 1] == '/':
                    at += 2;
                    while (at < end && buffer[at] is not ('\r' or '\n'))
                    {
                        if (buffer[at] is '\u0085' or '\u2028' or '\u2029')
                        {
                            // A Unicode line break ends the comment: leave it for the scan to fail on.
                            return;
                        }

                        at++;
                    }

                    break;
                case '/' when at + 1 < end && buffer[at + 1] == '*':
                    var close = at + 2;
                    while (close + 1 < end && !(buffer[close] == '*' && buffer[close + 1] == '/'))
                    {
                        close++;
                    }

                    if (close + 1 >= end)
                    {
                        return;
                    }

                    at = close + 2;
                    break;
                default:
                    return;
            }
        }
    }

    private bool Take(char c)
    {
        if (at < end && buffer[at] == c)
        {
            at++;
            return true;
        }

        return false;
    }

    private bool Peek(string keyword)
    {
        if (end - at < keyword.Length)
        {
            return false;
        }

        for (var i = 0; i < keyword.Length; i++)
        {
            if (buffer[at + i] != keyword[i])
            {
                return false;
            }
        }

        return at + keyword.Length == end || !(IsIdentifierPart(buffer[at + keyword.Length]) || buffer[at + keyword.Length] > 0x7F || buffer[at + keyword.Length] == '\\');
    }

    private bool Keyword(string keyword)
    {
        if (!Peek(keyword))
        {
            return false;
        }

        at += keyword.Length;
        return true;
    }

    /// <summary>From <paramref name="first"/> (in the buffer) to where the scan is (just past the value), in the file.</summary>
    private TextSpan Span(int first) => new(start + first, at - first);

    private static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    private static bool IsIdentifierPart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    /// <summary>
    /// The identifiers of one file, each distinct one made into a string once: a topology repeats a few dozen names
    /// (argument names, <c>Vips</c>, <c>Ports</c>, <c>Engine</c>) thousands of times. Each knows whether it is a keyword,
    /// so a name is looked up once, not once more among the keywords.
    /// </summary>
    private sealed class Interned
    {
        private string?[] table = new string?[256];
        private bool[] keywords = new bool[256];
        private int count;

        public string Get(char[] chars, int start, int length, out bool isKeyword)
        {
            var hash = 17;
            for (var i = 0; i < length; i++)
            {
                hash = (hash * 31) + chars[start + i];
            }

            var mask = table.Length - 1;
            for (var slot = hash & mask; ; slot = (slot + 1) & mask)
            {
                if (table[slot] is not { } existing)
                {
                    var made = new string(chars, start, length);
                    isKeyword = Keywords.Contains(made);
                    (table[slot], keywords[slot]) = (made, isKeyword);
                    if (++count * 2 > table.Length)
                    {
                        Grow();
                    }

                    return made;
                }

                if (Same(existing, chars, start, length))
                {
                    isKeyword = keywords[slot];
                    return existing;
                }
            }
        }

        private static bool Same(string existing, char[] chars, int start, int length)
        {
            if (existing.Length != length)
            {
                return false;
            }

            for (var i = 0; i < length; i++)
            {
                if (existing[i] != chars[start + i])
                {
                    return false;
                }
            }

            return true;
        }

        private void Grow()
        {
            var (old, oldKeywords) = (table, keywords);
            (table, keywords) = (new string?[old.Length * 2], new bool[old.Length * 2]);
            var mask = table.Length - 1;
            for (var i = 0; i < old.Length; i++)
            {
                if (old[i] is not { } name)
                {
                    continue;
                }

                var hash = 17;
                foreach (var c in name)
                {
                    hash = (hash * 31) + c;
                }

                var slot = hash & mask;
                while (table[slot] is not null)
                {
                    slot = (slot + 1) & mask;
                }

                (table[slot], keywords[slot]) = (name, oldKeywords[i]);
            }
        }
    }
}

/// <summary>
/// A field declaration read from its text (<see cref="InitializerScanner.ScanField"/>): its type as written (and the text
/// its node would hash to), its name, where its type and name are, and the initializer's sketch.
/// </summary>
internal sealed class PlainField
{
    public WrittenName Type { get; set; } = null!;

    public string TypeText { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public int TypeStart { get; set; }

    public TextSpan NameSpan { get; set; }

    public CreationSketch Creation { get; set; } = null!;
}
