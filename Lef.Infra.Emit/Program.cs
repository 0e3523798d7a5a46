using Lef.Infra.Emit;

return Cli.Run(args);
