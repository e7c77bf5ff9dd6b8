namespace BlogFunctions.Core.Email;

/// <summary>
/// Named points of a batch's send (and of the newsletter's planning) where a process can die.
/// Production does nothing there; the crash-and-resume tests replace it to throw, which leaves
/// storage exactly as a crash at that point would, so every gap between a table write and a send
/// is exercised. One seam for every kind of batch: the points are those of <see cref="ClaimedSend"/>.
/// </summary>
internal class SendFaults
{
    public const string PlanWritten = "plan-written";
    public const string Claimed = "claimed";
    public const string Sent = "sent";
    public const string Recorded = "recorded";

    public virtual void At(string point)
    {
    }
}
