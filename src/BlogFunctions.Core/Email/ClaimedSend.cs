namespace BlogFunctions.Core.Email;

/// <summary>What a claimed send did: the send's own result, where it left the batch, and whether that was written.</summary>
internal sealed record ClaimedSendResult<TResult>(TResult Result, BatchState Outcome, bool Recorded);

/// <summary>
/// A claimed, exactly-once email batch: claim the row with its ETag, send, record the outcome, and
/// turn a claim whose run died into "uncertain" (its request may or may not have left, so it is
/// never resent blindly). Two runs, two instances or a redelivered message can then never both send
/// a batch, and a crash never silently drops one. Used by the newsletter's chunks and the
/// moderator digest; the batch kind supplies the row (<see cref="IClaimRow{TResult}"/>) and the send.
/// </summary>
internal sealed class ClaimedSend(DeliveryLog log, SendFaults faults, TimeProvider time)
{
    /// <summary>Whether <paramref name="row"/> is claimed by a run taken for dead (its claim is older than <paramref name="timeout"/>).</summary>
    public bool IsStale<TResult>(IClaimRow<TResult> row, TimeSpan timeout) =>
        row.State == BatchState.Claimed && (row.ClaimedAt is not { } claimed || claimed + timeout <= time.GetUtcNow());

    /// <summary>
    /// Claims the row and, if this run won it, sends and records the outcome. Nothing after the
    /// claim takes <paramref name="cancellationToken"/>: stopping half-way would turn a known outcome
    /// into an unknown one, so <paramref name="send"/> must not cancel its request either.
    /// </summary>
    /// <param name="row">The row as read (its ETag is what the claim is conditional on).</param>
    /// <param name="send">Sends the batch; says what is known of the outcome rather than throwing for delivery problems.</param>
    /// <param name="outcomeOf">Where the send's result leaves the batch: sent, failed or uncertain.</param>
    /// <param name="cancellationToken">Only used for the claim.</param>
    /// <returns>Null when the row is not claimable or another run claimed it first.</returns>
    public async Task<ClaimedSendResult<TResult>?> RunAsync<TResult>(IClaimRow<TResult> row, Func<Task<TResult>> send,
        Func<TResult, BatchState> outcomeOf, CancellationToken cancellationToken)
    {
        if (BatchStates.Next(row.State, BatchEvent.Claim) is null || !await row.TryClaimAsync(time.GetUtcNow(), cancellationToken))
        {
            return null;
        }
        faults.At(SendFaults.Claimed);
        var result = await send();
        faults.At(SendFaults.Sent);
        var outcome = BatchStates.Next(BatchState.Claimed, BatchStates.EventFor(outcomeOf(result)))!.Value;
        // The outcome is the truth even if another run meanwhile judged this claim stale.
        var recorded = await row.RecordAsync(outcome, result, time.GetUtcNow());
        await DeliveredAsync(row.DeliveryRecords(outcome, result), CancellationToken.None);
        faults.At(SendFaults.Recorded);
        return new ClaimedSendResult<TResult>(result, outcome, recorded);
    }

    /// <summary>
    /// <see cref="RunAsync{TResult}"/> for a batch that is one email: one request, never cancelled; a
    /// sender that throws is an unknown outcome (the request may have left), reported to
    /// <paramref name="onThrew"/> and recorded uncertain, never resent blindly.
    /// </summary>
    public Task<ClaimedSendResult<EmailSendResult>?> RunAsync(IClaimRow<EmailSendResult> row, IEmailSender sender, EmailMessage message,
        Action<Exception> onThrew, CancellationToken cancellationToken) =>
        RunAsync(row, async () =>
        {
            try
            {
                return await sender.SendAsync(message, CancellationToken.None);
            }
            catch (Exception e)
            {
                onThrew(e);
                return new EmailSendResult(EmailOutcome.Unknown, Error: $"the sender threw {e.GetType().Name}: {e.Message}");
            }
        }, r => r.IsSent ? BatchState.Sent : r.Outcome == EmailOutcome.Unknown ? BatchState.Uncertain : BatchState.Failed, cancellationToken);

    /// <summary>Records a stale claim as uncertain; false when the claim is live or another run got there first.</summary>
    public async Task<bool> TryConcludeStaleAsync<TResult>(IClaimRow<TResult> row, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!IsStale(row, timeout) || !await row.TryRecordUncertainAsync(cancellationToken))
        {
            return false;
        }
        await DeliveredAsync(row.DeliveryRecords(BatchState.Uncertain, default), cancellationToken);
        return true;
    }

    private async Task DeliveredAsync(IEnumerable<DeliveryRecord> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            await log.RecordAsync(record, cancellationToken);
        }
    }
}
