namespace BlogFunctions.Core.Email;

/// <summary>
/// The row that holds one batch's claim, as <see cref="ClaimedSend"/> sees it. The engine decides
/// the moves; the row knows its columns, its stored state strings and its ETag. Every write that
/// can lose a race is conditional on the ETag the row was read (or last written) with.
/// </summary>
/// <typeparam name="TResult">What the batch kind's send returns.</typeparam>
internal interface IClaimRow<in TResult>
{
    BatchState State { get; }

    /// <summary>When the current claim was taken; null when never (a claimed row without it is stale).</summary>
    DateTimeOffset? ClaimedAt { get; }

    /// <summary>Writes the claim, taken at <paramref name="now"/>, if the row is unchanged; false (row left as read) when another run got there first.</summary>
    Task<bool> TryClaimAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records the claiming run's outcome; never cancelled. False when the row changed under the claim.</summary>
    Task<bool> RecordAsync(BatchState outcome, TResult result, DateTimeOffset now);

    /// <summary>Records a stale claim as uncertain if the row is unchanged; false when another run got there first.</summary>
    Task<bool> TryRecordUncertainAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The delivery-log rows for an outcome just recorded (<paramref name="result"/> is null for a
    /// stale claim turned uncertain); empty when the kind's send already wrote its own.
    /// </summary>
    IEnumerable<DeliveryRecord> DeliveryRecords(BatchState outcome, TResult? result);
}
