namespace BlogFunctions.Core.Email;

/// <summary>
/// Where a claimed, exactly-once email batch stands (see <see cref="ClaimedSend"/>). Rows keep
/// their own strings for these (a chunk's "planned", the digest's "idle"): what is stored and
/// shown by the status and delivery APIs does not depend on this enum's names.
/// </summary>
internal enum BatchState
{
    /// <summary>Not claimed: a run may claim it.</summary>
    Ready,

    /// <summary>Claimed by a run that is sending it (or died doing so).</summary>
    Claimed,

    /// <summary>Accepted by the provider.</summary>
    Sent,

    /// <summary>Known not to be accepted: safe to claim again (how often is the batch kind's rule).</summary>
    Failed,

    /// <summary>May have been accepted: never resent without a person deciding to.</summary>
    Uncertain,
}

/// <summary>What can happen to a batch.</summary>
internal enum BatchEvent
{
    /// <summary>A run wrote its claim.</summary>
    Claim,

    /// <summary>The provider accepted the send.</summary>
    Accepted,

    /// <summary>The provider refused it, or it never left.</summary>
    Refused,

    /// <summary>The send may or may not have gone out (dropped connection, timeout, the sender threw).</summary>
    Unknown,

    /// <summary>The claiming run stopped answering for longer than the claim timeout.</summary>
    ClaimExpired,
}

/// <summary>The batch's one table of allowed moves, shared by every kind of batch.</summary>
internal static class BatchStates
{
    /// <summary>The state after <paramref name="happened"/>; null when that cannot happen from <paramref name="from"/>.</summary>
    public static BatchState? Next(BatchState from, BatchEvent happened) => (from, happened) switch
    {
        (BatchState.Ready or BatchState.Failed, BatchEvent.Claim) => BatchState.Claimed,
        (BatchState.Claimed, BatchEvent.Accepted) => BatchState.Sent,
        (BatchState.Claimed, BatchEvent.Refused) => BatchState.Failed,
        // A claim that dies and a request whose answer was lost are the same fact: nobody knows.
        (BatchState.Claimed, BatchEvent.Unknown or BatchEvent.ClaimExpired) => BatchState.Uncertain,
        _ => null,
    };

    /// <summary>The event a settled outcome stands for (a send reports one of these three).</summary>
    public static BatchEvent EventFor(BatchState outcome) => outcome switch
    {
        BatchState.Sent => BatchEvent.Accepted,
        BatchState.Failed => BatchEvent.Refused,
        BatchState.Uncertain => BatchEvent.Unknown,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A send ends sent, failed or uncertain."),
    };
}
