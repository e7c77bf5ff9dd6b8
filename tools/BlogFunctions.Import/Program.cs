using BlogFunctions.Import;
using Spectre.Console;

var parsed = ImportArgs.Parse(args);
if (parsed is null)
{
    Console.Error.WriteLine(ImportArgs.Usage);
    return 2;
}
if (!File.Exists(parsed.File) || (parsed.Map is not null && !File.Exists(parsed.Map)))
{
    Console.Error.WriteLine($"No such file: {(File.Exists(parsed.File) ? parsed.Map : parsed.File)}");
    return 2;
}
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var view = new ProgressView(AnsiConsole.Console, Console.IsOutputRedirected);
try
{
    var final = parsed.Storage is not null
        ? await DirectImport.RunAsync(parsed, view, cancel.Token)
        : await ApiImport.RunAsync(parsed, view, cancel.Token);
    view.Summary(final);
    return final.State == "done" ? 0 : 1;
}
catch (ImportRefused e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"The API did not answer: {e.Message}");
    return 1;
}
