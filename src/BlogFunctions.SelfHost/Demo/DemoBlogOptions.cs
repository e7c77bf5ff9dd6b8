namespace BlogFunctions.SelfHost.Demo;

public sealed class DemoBlogOptions
{
    public const string Section = "Demo";

    /// <summary>Serve the demo blog; defaults to on in Development only.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Where the demo blog listens: a second origin, so the widget's CORS calls are real.</summary>
    public string Url { get; set; } = "http://localhost:8080";

    /// <summary>Base URL of the API the demo pages call (no /api); empty: this SelfHost's own address.</summary>
    public string ApiUrl { get; set; } = "";

    /// <summary>Prepended to every demo post id, so several demo blogs (tests) can share one storage account.</summary>
    public string PostIdPrefix { get; set; } = "";
}
