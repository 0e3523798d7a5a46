using System;
using System.Text;

namespace Lef.Infra.Emit.Apply;

/// <summary>Values put into host-side shell commands, always as data: quoted words and base64 payloads.</summary>
internal static class Shell
{
    /// <summary>One shell word, single-quoted (a quote inside becomes '\'').</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A command that writes <paramref name="content"/> to <paramref name="path"/> byte for byte.</summary>
    public static string WriteFile(string path, string content) =>
        "printf '%s' " + Quote(Convert.ToBase64String(Encoding.UTF8.GetBytes(content))) + " | base64 -d > " + Quote(path);
}
