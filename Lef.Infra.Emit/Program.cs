using System.Threading;
using Lef.Infra.Emit;

// The runtimeconfig gives every thread the runtime creates a 64 MB stack (see the project file); the main thread's is the
// operating system's (8 MB), and the reader's parallel loops run on it too. So the command runs on a thread of the runtime's.
var exit = 0;
var command = new Thread(() => exit = Cli.Run(args)) { Name = "lef" };
command.Start();
command.Join();
return exit;
