using BlogFunctions.SelfHost;

await SelfHostApp.Build(args).RunAsync();
