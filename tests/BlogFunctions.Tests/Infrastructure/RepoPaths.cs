namespace BlogFunctions.Tests.Infrastructure;

public static class RepoPaths
{
    /// <summary>The checkout root: the nearest folder above the test binaries holding BlogFunctions.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BlogFunctions.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("BlogFunctions.sln not found above " + AppContext.BaseDirectory);
    }
}
