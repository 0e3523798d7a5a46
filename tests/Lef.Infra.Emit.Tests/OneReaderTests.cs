using System.Collections.Generic;
using System.IO;
using System.Linq;
using Lef.Infra.Testing;
using Xunit;

namespace Lef.Infra.Emit.Tests;

/// <summary>
/// The emitter reads the topology with the analyzer's own reader, from source, and never runs it: what the IDE reports, the
/// emitter refuses with the same IDs and lines, and writes nothing.
/// </summary>
public sealed class OneReaderTests
{
    public static TheoryData<string> Cases => new(UnreadableTopologies.Cases.Keys.Order());

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_emitter_refuses_what_the_analyzer_reports_and_writes_nothing(string topology)
    {
        var (name, markup) = UnreadableTopologies.Cases[topology];
        using var sources = Compile((name, UnreadableTopologies.Plain(markup)));
        using var deploy = new TempDirectory();
        var target = Path.Combine(deploy.Path, "deploy");

        var result = Emitter.Run("emit", "--topology", sources.Directory, "--out", target);

        Assert.True(result.ExitCode == Cli.InvalidTopology, result.Output);
        Assert.False(Directory.Exists(target), "the refused emit wrote " + target);
        var lines = result.StandardError.Split('\n');
        foreach (var (ruleId, line) in UnreadableTopologies.Marks(markup))
        {
            Assert.True(
                lines.Any(l => l.Contains("/" + name + ":" + line + ":", System.StringComparison.Ordinal) && l.Contains("error " + ruleId + ":", System.StringComparison.Ordinal)),
                "expected " + ruleId + " at " + name + ":" + line + " in:\n" + result.StandardError);
        }
    }

    [Fact]
    public void The_emitter_never_runs_topology_code()
    {
        var marker = Path.Combine(Path.GetTempPath(), "lef-ran-" + System.Environment.ProcessId + "-" + System.Guid.NewGuid().ToString("N"));
        using var sources = Compile(("Endpoints.cs", $$"""
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Endpoints
            {
                public static readonly Endpoint Erp = new(Name: "erp", Vip: Vips.Erp, Port: 1433, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-erp-01.core.lef", Port: 1433));
                static Endpoints() => System.IO.File.WriteAllText("{{marker}}", "ran");
            }
            public static class Boot
            {
                [System.Runtime.CompilerServices.ModuleInitializer]
                public static void Run() => System.IO.File.WriteAllText("{{marker}}", "ran");
            }
            """));
        using var deploy = new TempDirectory();

        foreach (var command in new[] { "emit", "list", "verify" })
        {
            var result = command == "emit"
                ? Emitter.Run(command, "--topology", sources.Directory, "--out", deploy.Path)
                : Emitter.Run(command, "--topology", sources.Directory);
            Assert.True(result.ExitCode == Cli.InvalidTopology, command + ": " + result.Output);
        }

        Assert.False(File.Exists(marker), "a static constructor or module initializer of the topology ran");
    }

    [Fact]
    public void A_compiler_error_is_one_line_with_its_file_and_line_and_nothing_is_written()
    {
        using var sources = new TempDirectory();
        File.WriteAllText(Path.Combine(sources.Path, "Pools.cs"), UnreadableTopologies.Pools);
        File.WriteAllText(Path.Combine(sources.Path, "Vips.cs"), UnreadableTopologies.Vips.Replace("Alias: 1", "Alias: \"one\"", System.StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(sources.Path, "Helper.cs"), "namespace Topology;\npublic static class Helper\n{\n    public static int Two() => undefined;\n    public const int Port = \"5432\";\n}\n");
        var target = Path.Combine(sources.Path, "deploy");

        var result = Emitter.Run("emit", "--topology", sources.Path, "--out", target);

        Assert.True(result.ExitCode == Cli.CannotLoad, result.Output);
        Assert.False(Directory.Exists(target));
        var errors = result.StandardError.Split('\n').Where(l => l.Contains(": error CS", System.StringComparison.Ordinal)).ToList();
        Assert.Contains(errors, e => e.Contains("Vips.cs:5:", System.StringComparison.Ordinal) && e.Contains("error CS1503", System.StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Helper.cs:4:", System.StringComparison.Ordinal) && e.Contains("error CS0103", System.StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Helper.cs:5:", System.StringComparison.Ordinal) && e.Contains("error CS0029", System.StringComparison.Ordinal));
        Assert.Equal(3, errors.Count);
    }

    [Theory]
    [InlineData("[System.Obsolete(\"retired\", error: true)]", "CS0619")]
    [InlineData("[System.Diagnostics.CodeAnalysis.Experimental(\"LEFX01\")]", "LEFX01")]
    public void A_constant_an_attribute_forbids_is_a_compiler_error_though_read_the_plain_way(string attribute, string id)
    {
        // Port: OldPorts.Legacy is plain (a const of the parameter's type), so its initializer was never compiled: csc said
        // CS0619 and the emitter deployed it with exit 0.
        using var sources = new TempDirectory();
        File.WriteAllText(Path.Combine(sources.Path, "Pools.cs"), UnreadableTopologies.Pools);
        File.WriteAllText(Path.Combine(sources.Path, "Vips.cs"), UnreadableTopologies.Vips);
        File.WriteAllText(Path.Combine(sources.Path, "Old.cs"), "namespace Topology;\npublic static class OldPorts\n{\n    " + attribute + "\n    public const int Legacy = 2400;\n}\n");
        File.WriteAllText(Path.Combine(sources.Path, "Endpoints.cs"), ValidEndpoints.Replace("Port: 1433, Engine", "Port: OldPorts.Legacy, Engine", System.StringComparison.Ordinal));
        var target = Path.Combine(sources.Path, "deploy");

        var result = Emitter.Run("emit", "--topology", sources.Path, "--out", target);

        Assert.True(result.ExitCode == Cli.CannotLoad, result.Output);
        Assert.False(Directory.Exists(target));
        Assert.Contains("Endpoints.cs:5:", Assert.Single(result.StandardError.Split('\n'), l => l.Contains(": error " + id, System.StringComparison.Ordinal)));
    }

    [Fact]
    public void Another_estate_is_chosen_by_its_folder_and_the_assembly_option_is_gone()
    {
        using var empty = new TempDirectory();
        var none = Emitter.Run("emit", "--topology", empty.Path, "--out", Path.Combine(empty.Path, "deploy"));
        Assert.True(none.ExitCode == Cli.CannotLoad, none.Output);
        Assert.Contains("holds no .cs file", none.StandardError);

        var missing = Emitter.Run("emit", "--topology", Path.Combine(empty.Path, "nowhere"));
        Assert.True(missing.ExitCode == Cli.CannotLoad, missing.Output);
        Assert.Contains("does not exist", missing.StandardError);

        var assembly = Emitter.Run("emit", "--assembly", typeof(Cli).Assembly.Location);
        Assert.True(assembly.ExitCode == Cli.Usage, assembly.Output);
    }

    [Theory]
    [InlineData("<ItemGroup><Compile Remove=\"Retired/**\" /></ItemGroup>", "<Compile Remove=\"Retired/**\">")]
    [InlineData("<ItemGroup><Compile Include=\"../Shared/*.cs\" /></ItemGroup>", "<Compile Include=\"../Shared/*.cs\">")]
    [InlineData("<PropertyGroup><EnableDefaultCompileItems>false</EnableDefaultCompileItems></PropertyGroup>", "<EnableDefaultCompileItems>false</EnableDefaultCompileItems>")]
    [InlineData("<PropertyGroup><DefaultExcludesInProjectFolder>Retired/**</DefaultExcludesInProjectFolder></PropertyGroup>", "<DefaultExcludesInProjectFolder>Retired/**</DefaultExcludesInProjectFolder>")]
    [InlineData("<PropertyGroup><BaseOutputPath>Retired/</BaseOutputPath></PropertyGroup>", "<BaseOutputPath>Retired/</BaseOutputPath>")]
    [InlineData("<PropertyGroup><UseArtifactsOutput>true</UseArtifactsOutput></PropertyGroup>", "<UseArtifactsOutput>true</UseArtifactsOutput>")]
    [InlineData("<PropertyGroup><OutputPath>Retired/</OutputPath></PropertyGroup>", "<OutputPath>Retired/</OutputPath>")]
    [InlineData("<PropertyGroup><IntermediateOutputPath>Retired/</IntermediateOutputPath></PropertyGroup>", "<IntermediateOutputPath>Retired/</IntermediateOutputPath>")]
    [InlineData("<PropertyGroup><PublishDir>Retired/</PublishDir></PropertyGroup>", "<PublishDir>Retired/</PublishDir>")]
    [InlineData("<ItemGroup><compile Remove=\"Retired/**\" /></ItemGroup>", "<compile Remove=\"Retired/**\">")]
    [InlineData("<PropertyGroup><enableDefaultCompileItems>false</enableDefaultCompileItems></PropertyGroup>", "<enableDefaultCompileItems>false</enableDefaultCompileItems>")]
    [InlineData("<Target Name=\"Add\" BeforeTargets=\"CoreCompile\"><CreateItem Include=\"Retired/Old.cs\"><Output TaskParameter=\"Include\" ItemName=\"Compile\" /></CreateItem></Target>", "<Output TaskParameter=\"Include\" ItemName=\"Compile\">")]
    [InlineData("<Import Project=\"$(MSBuildThisFileDirectory)../items.props\" />", "<Import Project=\"$(MSBuildThisFileDirectory)../items.props\"> imports a file the emitter cannot find without evaluating MSBuild")]
    public void A_project_that_changes_which_files_compile_is_refused_and_nothing_is_written(string items, string quoted)
    {
        // Retired/ holds an endpoint the build would not compile: following the folder alone would deploy it.
        using var sources = Compile(("Endpoints.cs", ValidEndpoints));
        Directory.CreateDirectory(Path.Combine(sources.Directory, "Retired"));
        File.WriteAllText(Path.Combine(sources.Directory, "Retired", "Old.cs"), ValidEndpoints.Replace("class Endpoints", "class Retired", System.StringComparison.Ordinal));
        AssertProjectRefused(sources, items, quoted + (quoted.Contains(" imports ", System.StringComparison.Ordinal) ? string.Empty : " changes which files the build compiles"));
    }

    [Fact]
    public void A_records_package_of_another_version_than_the_tool_is_refused()
    {
        // The build's analyzer is the package's; the emitter's reader is its own: at two versions they apply other rules.
        using var sources = Compile(("Endpoints.cs", ValidEndpoints));
        AssertProjectRefused(sources, "<ItemGroup><PackageReference Include=\"Lef.Infra.Dsl\" Version=\"0.2.0\" /></ItemGroup>",
            "<PackageReference Include=\"Lef.Infra.Dsl\" Version=\"0.2.0\"> builds with the records and the analyzer of another Lef.Infra than this lef-infra ("
            + typeof(Cli).Assembly.GetName().Version!.ToString(3) + ")");
    }

    [Theory]
    [InlineData("<PropertyGroup><RunAnalyzers>false</RunAnalyzers></PropertyGroup>", "<RunAnalyzers>false</RunAnalyzers>")]
    [InlineData("<PropertyGroup><RunAnalyzersDuringBuild>false</RunAnalyzersDuringBuild></PropertyGroup>", "<RunAnalyzersDuringBuild>false</RunAnalyzersDuringBuild>")]
    [InlineData("<PropertyGroup><runanalyzersduringlivEanalysis>no</runanalyzersduringlivEanalysis></PropertyGroup>", "<runanalyzersduringlivEanalysis>no</runanalyzersduringlivEanalysis>")]
    public void A_project_that_turns_the_analyzers_off_is_refused_and_nothing_is_written(string items, string quoted)
    {
        // The build then compiles a duplicate VIP without a word, and the IDE shows nothing: only the emitter would say it.
        using var sources = Compile(("Endpoints.cs", ValidEndpoints));
        AssertProjectRefused(sources, items, quoted + " turns the analyzers off in the build and the editor");
    }

    [Theory]
    [InlineData("<ItemGroup><Using Include=\"Topology.MyPorts\" Alias=\"Ports\" /></ItemGroup>", "<Using Include=\"Topology.MyPorts\" Alias=\"Ports\">")]
    [InlineData("<PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>", "<ImplicitUsings>enable</ImplicitUsings>")]
    public void A_project_that_adds_global_usings_is_refused_and_nothing_is_written(string items, string quoted)
    {
        // The build writes them to obj/*.GlobalUsings.g.cs: with this alias, Ports.SqlServer is 1533 to the build, and the
        // emitter, without it, deployed the DSL's 1433.
        using var sources = Compile(("Endpoints.cs", ValidEndpoints.Replace("Port: 1433, Engine", "Port: Ports.SqlServer, Engine", System.StringComparison.Ordinal)
            + "public static class MyPorts\n{\n    public const int SqlServer = 1533;\n}\n"));
        AssertProjectRefused(sources, items, quoted + " makes the build write global usings into obj/");
    }

    [Theory]
    [InlineData("<ItemGroup><PackageReference Include=\"Acme.Generators\" Version=\"1.0.0\" /></ItemGroup>", "<PackageReference Include=\"Acme.Generators\" Version=\"1.0.0\">")]
    [InlineData("<ItemGroup><Analyzer Include=\"tools/Acme.Generators.dll\" /></ItemGroup>", "<Analyzer Include=\"tools/Acme.Generators.dll\">")]
    [InlineData("<ItemGroup><ProjectReference Include=\"../Gen/Gen.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" /></ItemGroup>", "<ProjectReference Include=\"../Gen/Gen.csproj\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\">")]
    public void A_project_that_may_add_code_the_emitter_does_not_run_is_refused(string items, string quoted)
    {
        // A source generator's fields are read by the build's analyzer, and never by the emitter, which runs no generator;
        // a package may add files to compile. Lef.Infra's own (the records' package, the analyzer projects) are fine.
        using var sources = Compile(("Endpoints.cs", ValidEndpoints));
        AssertProjectRefused(sources, "<ItemGroup><PackageReference Include=\"Lef.Infra.Dsl\" Version=\"0.1.0\" /><ProjectReference Include=\"..\\Lef.Infra.Analyzers\\Lef.Infra.Analyzers.csproj\" OutputItemType=\"Analyzer\" /></ItemGroup>" + items, quoted + " may add code to the build");
    }

    /// <summary>
    /// Writes a Topology.csproj holding <paramref name="items"/> on its third line, emits, and expects exit 3, nothing written,
    /// and one error, at that line, starting with <paramref name="expected"/>.
    /// </summary>
    private static void AssertProjectRefused(TopologySources sources, string items, string expected)
    {
        File.WriteAllText(Path.Combine(sources.Directory, "Topology.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\n  " + items + "\n</Project>\n");
        using var deploy = new TempDirectory();
        var target = Path.Combine(deploy.Path, "deploy");

        var result = Emitter.Run("emit", "--topology", sources.Directory, "--out", target);

        Assert.True(result.ExitCode == Cli.CannotLoad, result.Output);
        Assert.False(Directory.Exists(target), "the refused emit wrote " + target);
        Assert.Contains("Topology.csproj:3: error: " + expected, Assert.Single(result.StandardError.Split('\n'), l => l.Contains("error", System.StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Topology.csproj.user", "<Project>\n  <ItemGroup>\n    <Compile Include=\"../Shared/*.cs\" />\n  </ItemGroup>\n</Project>\n", "Topology.csproj.user:3: error: <Compile Include=\"../Shared/*.cs\"> changes which files the build compiles")]
    [InlineData("Directory.Packages.props", "<Project>\n  <ItemGroup>\n    <Compile Include=\"../Shared/*.cs\" />\n  </ItemGroup>\n</Project>\n", "Directory.Packages.props:3: error: <Compile Include=\"../Shared/*.cs\"> changes which files the build compiles")]
    [InlineData("Directory.Build.rsp", "-m\n-p:PublishDir=Retired/;Configuration=Release\n", "Directory.Build.rsp:2: error: -p:PublishDir=Retired/: <PublishDir>Retired/</PublishDir> changes which files the build compiles")]
    public void A_file_msbuild_reads_beside_the_project_is_checked_as_the_project_is(string file, string content, string expected)
    {
        // MSBuild imports the project's .user file and the nearest Directory.Packages.props, and takes the nearest
        // Directory.Build.rsp as command-line switches: each could change the files compiled, unseen by the emitter.
        using var sources = Compile(("Endpoints.cs", ValidEndpoints));
        File.WriteAllText(Path.Combine(sources.Directory, "Topology.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\">\n</Project>\n");
        File.WriteAllText(Path.Combine(sources.Directory, file), content);
        using var deploy = new TempDirectory();
        var target = Path.Combine(deploy.Path, "deploy");

        var result = Emitter.Run("emit", "--topology", sources.Directory, "--out", target);

        Assert.True(result.ExitCode == Cli.CannotLoad, result.Output);
        Assert.False(Directory.Exists(target), "the refused emit wrote " + target);
        Assert.Contains(expected, Assert.Single(result.StandardError.Split('\n'), l => l.Contains("error", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void A_file_the_project_imports_by_its_path_is_checked_as_the_project_is()
    {
        using var sources = Compile(("Endpoints.cs", ValidEndpoints));
        Directory.CreateDirectory(Path.Combine(sources.Directory, "build"));
        File.WriteAllText(Path.Combine(sources.Directory, "Topology.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <Import Project=\"build\\items.props\" />\n</Project>\n");
        File.WriteAllText(Path.Combine(sources.Directory, "build", "items.props"), "<Project>\n  <Import Project=\"more.props\" Condition=\"Exists('more.props')\" />\n  <Import Project=\"absent.props\" Condition=\"Exists('absent.props')\" />\n</Project>\n");
        File.WriteAllText(Path.Combine(sources.Directory, "build", "more.props"), "<Project>\n  <ItemGroup>\n    <Compile Remove=\"Retired/**\" />\n  </ItemGroup>\n</Project>\n");
        using var deploy = new TempDirectory();
        var target = Path.Combine(deploy.Path, "deploy");

        var result = Emitter.Run("emit", "--topology", sources.Directory, "--out", target);

        Assert.True(result.ExitCode == Cli.CannotLoad, result.Output);
        Assert.False(Directory.Exists(target), "the refused emit wrote " + target);
        Assert.Contains("build/more.props:3: error: <Compile Remove=\"Retired/**\"> changes which files the build compiles", result.StandardError);
        Assert.Single(result.StandardError.Split('\n', System.StringSplitOptions.RemoveEmptyEntries), line => line.Contains("error", System.StringComparison.Ordinal));
    }

    [Fact]
    public void The_emitter_compiles_the_files_the_sdks_default_items_compile()
    {
        // MSBuild's own answer for a folder with every case the emitter once got wrong: hidden folders (skipped at any depth,
        // a hidden file is not), extensions in any case, bin/ and obj/ skipped only at the top, and in any case. (MSBuild
        // skips Bin/ only while bin/ exists, which it does in any project built once: the folder is set up that way.)
        using var folder = new TempDirectory();
        string[] files =
        [
            "A.cs", "B.CS", "C.Cs", ".d.cs", ".hidden/E.cs", "sub/.x/F.cs", "bin/G.cs", "Bin/H.cs", "obj/Q.cs", "OBJ/I.cs", "sub/bin/J.cs",
            "sub/obj/K.cs", "sub/L M.cs", "sub/N.csx", "O.cs.bak", "Sub2/P.cs",
        ];
        foreach (var file in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder.Path, file))!);
            File.WriteAllText(Path.Combine(folder.Path, file), "class X { }\n");
        }

        File.WriteAllText(Path.Combine(folder.Path, "Topology.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>\n</Project>\n");

        // Linked folders: one outside, followed; three that loop back (to the folder itself, to the top, to /), not. The emitter
        // followed the loops until it ran out of path (or time).
        using var outside = new TempDirectory();
        File.WriteAllText(Path.Combine(outside.Path, "R.cs"), "class X { }\n");
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "linked"), outside.Path);
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "sub", "self"), Path.Combine(folder.Path, "sub"));
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "sub", "up"), "..");
        Directory.CreateSymbolicLink(Path.Combine(folder.Path, "sub", "root"), "/");

        var msbuild = Tool.Run(Tool.Dotnet, "msbuild", Path.Combine(folder.Path, "Topology.csproj"), "-getItem:Compile", "-nologo");
        Assert.True(msbuild.ExitCode == 0, msbuild.Output);
        var compiled = System.Text.Json.JsonDocument.Parse(msbuild.StandardOutput).RootElement.GetProperty("Items").GetProperty("Compile")
            .EnumerateArray().Select(item => item.GetProperty("Identity").GetString()!.Replace('\\', '/')).Order(System.StringComparer.Ordinal).ToList();

        var read = Lef.Infra.Emit.Loading.TopologyCompilation.SourceFiles(folder.Path)
            .Select(file => Path.GetRelativePath(folder.Path, file).Replace('\\', '/')).Order(System.StringComparer.Ordinal).ToList();

        Assert.Contains("sub/bin/J.cs", compiled);
        Assert.Contains("linked/R.cs", compiled);
        Assert.Equal(compiled, read);
    }

    [Theory]
    [InlineData("Directory.Build.props", "<ItemGroup><Compile Remove=\"Retired/**\" /></ItemGroup>", "<Compile Remove=\"Retired/**\">")]
    [InlineData("Directory.Build.targets", "<ItemGroup><Compile Remove=\"Retired/**\" /></ItemGroup>", "<Compile Remove=\"Retired/**\">")]
    [InlineData("Directory.Build.props", "<PropertyGroup><DefaultItemExcludes>$(DefaultItemExcludes);Retired/**</DefaultItemExcludes></PropertyGroup>", "<DefaultItemExcludes>$(DefaultItemExcludes);Retired/**</DefaultItemExcludes>")]
    public void A_directory_build_file_above_the_folder_that_changes_which_files_compile_is_refused(string file, string items, string quoted)
    {
        // MSBuild imports the nearest Directory.Build.props/.targets from the project's folder up: here, the estate's root.
        using var sources = Compile(("Endpoints.cs", ValidEndpoints));
        using var estate = new TempDirectory();
        var topology = Path.Combine(estate.Path, "Topology");
        Directory.CreateDirectory(Path.Combine(topology, "Retired"));
        foreach (var source in Directory.GetFiles(sources.Directory, "*.cs"))
        {
            File.Copy(source, Path.Combine(topology, Path.GetFileName(source)));
        }

        File.WriteAllText(Path.Combine(topology, "Retired", "Old.cs"), ValidEndpoints.Replace("class Endpoints", "class Retired", System.StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(estate.Path, file), "<Project>\n  " + items + "\n</Project>\n");
        var target = Path.Combine(estate.Path, "deploy");

        var result = Emitter.Run("emit", "--topology", topology, "--out", target);

        Assert.True(result.ExitCode == Cli.CannotLoad, result.Output);
        Assert.False(Directory.Exists(target), "the refused emit wrote " + target);
        Assert.Contains(file + ":2: error: " + quoted + " changes which files the build compiles", result.StandardError);
    }

    [Fact]
    public void Compile_update_only_changes_metadata_and_is_read_as_before()
    {
        using var sources = Compile(("Endpoints.cs", ValidEndpoints));
        File.WriteAllText(Path.Combine(sources.Directory, "Directory.Build.props"), "<Project>\n  <ItemGroup><Compile Update=\"Endpoints.cs\" Visible=\"true\" /></ItemGroup>\n</Project>\n");
        using var deploy = new TempDirectory();

        var result = Emitter.Run("emit", "--topology", sources.Directory, "--out", Path.Combine(deploy.Path, "deploy"));

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public void A_project_that_keeps_the_default_items_is_read_as_before()
    {
        using var sources = Compile(("Endpoints.cs", ValidEndpoints));
        File.WriteAllText(Path.Combine(sources.Directory, "Topology.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><EnableDefaultCompileItems>true</EnableDefaultCompileItems></PropertyGroup>\n  <ItemGroup><AdditionalFiles Include=\"map.json\" /></ItemGroup>\n</Project>\n");
        using var deploy = new TempDirectory();

        var result = Emitter.Run("emit", "--topology", sources.Directory, "--out", Path.Combine(deploy.Path, "deploy"));

        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public void Constants_narrower_than_int_are_deployed_as_the_compiler_widens_them()
    {
        // A ushort const and a (short) cast passed to int parameters: read as their boxed ushort and short, they were no
        // value at all (the emit failed with exit 12, or dropped a lag bound with exit 0).
        using var sources = Compile(("Endpoints.cs", """
            using Lef.Infra.Dsl;
            namespace Topology;
            public static class Endpoints
            {
                private const ushort Backend = 3050;
                public static readonly Endpoint Erp = new(Name: "erp", Vip: Vips.Erp, Port: (short)3051, Engine: Engine.Tcp, Backend: new Backend(Host: "fb-erp-01.core.lef", Port: Backend));
            }
            """));
        using var deploy = new TempDirectory();

        var result = Emitter.Run("emit", "--topology", sources.Directory, "--out", deploy.Path);

        Assert.True(result.ExitCode == 0, result.Output);
        var haproxy = File.ReadAllText(Path.Combine(deploy.Path, "hosts", "proxy.core.lef", "haproxy", "haproxy.cfg"));
        Assert.Contains("bind 10.20.0.101:3051", haproxy);
        Assert.Contains("fb-erp-01.core.lef:3050", haproxy);
    }

    [Fact]
    public void A_constant_nested_as_deep_as_the_compiler_binds_is_read_by_the_tool_not_a_crash()
    {
        // csc builds this. Binding it recursed deeper than a default 8 MB stack, and the tool died with exit 134. Run as the
        // tool runs (its own process and runtimeconfig), since a stack overflow would take the test host down with it.
        using var sources = new TempDirectory();
        File.WriteAllText(Path.Combine(sources.Path, "Pools.cs"), UnreadableTopologies.Pools);
        File.WriteAllText(Path.Combine(sources.Path, "Vips.cs"), UnreadableTopologies.Vips);
        File.WriteAllText(Path.Combine(sources.Path, "Endpoints.cs"), ValidEndpoints.Replace(
            "Port: 1433, Engine", "Port: Deep.Port, Engine", System.StringComparison.Ordinal)
            + "public static class Deep\n{\n    public const int Port = " + new string('(', 10_000) + "3050" + new string(')', 10_000) + ";\n}\n");
        var target = Path.Combine(sources.Path, "deploy");

        var result = Tool.Run(Tool.Dotnet, Path.Combine(System.AppContext.BaseDirectory, "lef-infra.dll"), "emit", "--topology", sources.Path, "--out", target);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("bind 10.20.0.101:3050", File.ReadAllText(Path.Combine(target, "hosts", "proxy.core.lef", "haproxy", "haproxy.cfg")));
    }

    private const string ValidEndpoints = """
        using Lef.Infra.Dsl;
        namespace Topology;
        public static class Endpoints
        {
            public static readonly Endpoint Erp = new(Name: "erp", Vip: Vips.Erp, Port: 1433, Engine: Engine.SqlServer, Backend: new Backend(Host: "sql-erp-01.core.lef", Port: 1433));
        }
        """;

    private static TopologySources Compile((string Name, string Source) extra) =>
        TopologySources.Compile(new Dictionary<string, string>
        {
            ["Pools.cs"] = UnreadableTopologies.Pools,
            ["Vips.cs"] = UnreadableTopologies.Vips,
            [extra.Name] = extra.Source,
        });
}
