namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>
/// Named points of a digest run where a process can die. Production does nothing; tests replace
/// it to throw, which leaves storage exactly as a crash at that point would.
/// </summary>
internal class DigestFaults
{
    public const string Claimed = "claimed";
    public const string Sent = "sent";

    public virtual void At(string point)
    {
    }
}
