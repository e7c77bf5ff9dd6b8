namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// Named points of the dispatch where a process can die. Production does nothing there; the
/// crash-and-resume tests replace it to throw at random points, so every gap between a table
/// write and a send is exercised.
/// </summary>
internal class DispatchFaults
{
    public const string PlanWritten = "plan-written";
    public const string Claimed = "claimed";
    public const string Sent = "sent";
    public const string Recorded = "recorded";

    public virtual void At(string point)
    {
    }
}
