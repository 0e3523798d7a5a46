extern alias analyzers;

using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using analyzers::Lef.Infra.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Xunit;

namespace Lef.Infra.Analyzers.Tests;

/// <summary>
/// LEF0014 is found from each file's sketch, binding only what syntax cannot tell. It must report exactly what the first
/// implementation did with a symbol action on every field and an operation action on every object creation (kept here as
/// the reference): same places, same messages.
/// </summary>
public sealed class UndiscoverableRecordParityTests
{
    private const string Records = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class Hidden
        {
            public static Vip Mutable = new(Pool: Pools.Core, Address: "10.20.0.101", Alias: 1);
            public static Vip Property { get; } = new(Pool: Pools.Core, Address: "10.20.0.102", Alias: 2);
            public static Vip Make() => new Vip(Pool: Pools.Core, Address: "10.20.0.103", Alias: 3);
            public static readonly object Boxed = new Vip(Pools.Core, "10.20.0.104", 4);
            public static readonly object Boxed2 = (new Vip(Pools.Core, "10.20.0.105", 5));
            public static readonly Vip InlinePool = new(Pool: new VipPool("proxy.core.lef", "ens18", "10.20.0.0/24", "10.20.0.100", "10.20.0.199"), Address: "10.20.0.106", Alias: 6);
            public static readonly Vip InlineImplicitPool = new(Pool: new("proxy.core.lef", "ens18", "10.20.0.0/24", "10.20.0.100", "10.20.0.199"), Address: "10.20.0.107", Alias: 7);
            public static readonly DnsView[] Array = [new DnsView("a", ["any"], ViewKind.Internal)];
            public static readonly Endpoint WithInlineView = new("e", Vips.A, 1433, Engine.SqlServer, new Backend("10.30.0.1", 1433), [new DnsView("b", ["any"], ViewKind.External)]);
            private static readonly Vip Private = new(Pools.Core, "10.20.0.108", 8);
            public static readonly Endpoint Parenthesized = new("f", Vips.A, 5432, Engine.PostgreSql, (new Backend("10.30.0.2", 5432)));
            public static readonly Endpoint Odd = new("g", Vips.A, 3050, Engine.Tcp, new Backend("10.30.0.3", 3050) { });
            static Hidden() { Mutable = new Vip(Pools.Core, "10.20.0.110", 10); }
        }
        public class NotStatic
        {
            public static readonly Vip InInstanceClass = new(Pool: Pools.Core, Address: "10.20.0.111", Alias: 11);
            public Vip Instance = new(Pools.Core, "10.20.0.112", 12);
            public Vip Lambda => Make(() => new Vip(Pools.Core, "10.20.0.113", 13));
            private static Vip Make(System.Func<Vip> f) => f();
        }
        public struct InStruct
        {
            public static readonly Vip Field = new(Pools.Core, "10.20.0.114", 14);
        }
        public static partial class Split
        {
            public static readonly Vip PartA = new(Pools.Core, "10.20.0.115", 15);
        }
        public partial class Split
        {
            public static readonly Vip PartB = new(Pools.Core, "10.20.0.116", 16);
        }
        public partial class NeverStatic
        {
            public static readonly Vip PartC = new(Pools.Core, "10.20.0.117", 17);
        }
        public static class Holder
        {
            public static readonly Wrapper Wrapped = new(new Vip(Pools.Core, "10.20.0.118", 18));
            public static readonly Vip Cast = (Vip)new Vip(Pools.Core, "10.20.0.119", 19)!;
            public static readonly Wrapper Named = new(Inner: (Vip)new(Pools.Core, "10.20.0.121", 21));
        }
        public sealed record Wrapper(Vip Inner);
        public static class Vips
        {
            public static readonly Vip A = new(Pools.Core, "10.20.0.120", 20);
        }
        """;

    [Fact]
    public async Task LEF0014_is_reported_where_and_as_the_symbol_and_operation_actions_reported_it()
    {
        var compilation = Analysis.Compile(("/src/Pools.cs", Verify.Pools), ("/src/Records.cs", Records));

        var found = await Lef0014Async(compilation, new TopologyAnalyzer());
        var reference = await Lef0014Async(compilation, new ReferenceAnalyzer());

        Assert.Equal(reference, found);
        Assert.True(reference.Length >= 12, "the sources have at least 12 undiscoverable records: " + reference.Length);
    }

    private static async Task<string[]> Lef0014Async(Compilation compilation, DiagnosticAnalyzer analyzer)
    {
        var diagnostics = await compilation.WithAnalyzers([analyzer]).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return diagnostics.Where(d => d.Id == "LEF0014")
            .Select(d => d.Location.GetLineSpan().StartLinePosition + "-" + d.Location.GetLineSpan().EndLinePosition + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The first implementation of LEF0014, verbatim but for its registration. Instantiated by the test only, never loaded as an analyzer.</summary>
#pragma warning disable RS1001 // Not an analyzer anyone loads: the test instantiates it, so it carries no [DiagnosticAnalyzer] (which would bring RS1038/RS1041).
    private sealed class ReferenceAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [DiagnosticDescriptors.UndiscoverableRecord];

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (DslSymbols.TryCreate(start.Compilation) is not { } dsl)
                {
                    return;
                }

                start.RegisterSymbolAction(c => CheckField(c, dsl), SymbolKind.Field);
                start.RegisterOperationAction(c => CheckCreation(c, dsl), OperationKind.ObjectCreation);
            });
        }

        private static void CheckField(SymbolAnalysisContext context, DslSymbols dsl)
        {
            if (context.Symbol is IFieldSymbol field && dsl.IsTopologyRecord(field.Type) && !TopologyFields.IsDiscoverable(field) && !field.IsImplicitlyDeclared)
            {
                var why = !field.IsStatic ? "an instance field" : !field.IsReadOnly ? "not readonly" : "in a class that is not static";
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UndiscoverableRecord,
                    field.Locations[0],
                    field.ContainingType.Name + "." + field.Name + " is " + why + ", so the emitter will not see it; " + analyzers::Lef.Infra.Dsl.Rules.UndiscoverableRecordRule.Requirement));
            }
        }

        private static void CheckCreation(OperationAnalysisContext context, DslSymbols dsl)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!dsl.IsTopologyRecord(creation.Type))
            {
                return;
            }

            var parent = creation.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            if (parent is IFieldInitializerOperation initializer && initializer.InitializedFields.Length > 0 && dsl.IsTopologyRecord(initializer.InitializedFields[0].Type))
            {
                return;
            }

            var where = parent is IArgumentOperation ? "inline, as an argument" : "where no reader looks (" + Describe(creation.Syntax.Parent) + ")";
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UndiscoverableRecord,
                creation.Syntax.GetLocation(),
                "this " + creation.Type!.Name + " is created " + where + ", so the emitter will not see it; " + analyzers::Lef.Infra.Dsl.Rules.UndiscoverableRecordRule.Requirement
                + (parent is IArgumentOperation ? " and reference that field" : string.Empty)));
        }

        private static string Describe(SyntaxNode? node)
        {
            for (; node is not null; node = node.Parent)
            {
                switch (node.RawKind)
                {
                    case (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.MethodDeclaration:
                    case (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.ConstructorDeclaration:
                    case (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.LocalFunctionStatement:
                        return "in a method";
                    case (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.PropertyDeclaration:
                        return "in a property";
                    case (int)Microsoft.CodeAnalysis.CSharp.SyntaxKind.FieldDeclaration:
                        return "in a field that is not of a topology type";
                }
            }

            return "outside a field";
        }
    }
}
