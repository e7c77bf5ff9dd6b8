using BlogFunctions.Core.Email;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BlogFunctions.Tests.Email;

/// <summary>The exactly-once batch engine's moves, on a fake row: no storage, no provider.</summary>
public sealed class ClaimedSendTests
{
    // Theory data names states rather than typing them: the engine's types are internal to Core.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static TheoryData<string, string, string?> Moves() => new()
    {
        { "Ready", "Claim", "Claimed" },
        { "Failed", "Claim", "Claimed" },
        { "Claimed", "Claim", null },
        { "Sent", "Claim", null },
        { "Uncertain", "Claim", null },
        { "Claimed", "Accepted", "Sent" },
        { "Claimed", "Refused", "Failed" },
        { "Claimed", "Unknown", "Uncertain" },
        { "Claimed", "ClaimExpired", "Uncertain" },
        { "Ready", "Accepted", null },
        { "Ready", "ClaimExpired", null },
        { "Failed", "ClaimExpired", null },
        { "Sent", "ClaimExpired", null },
        { "Sent", "Refused", null },
        { "Uncertain", "Accepted", null },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public void Every_move_of_the_table(string from, string happened, string? expected) =>
        Assert.Equal(expected, BatchStates.Next(Enum.Parse<BatchState>(from), Enum.Parse<BatchEvent>(happened))?.ToString());

    [Fact]
    public void Every_pair_is_decided_and_only_a_claim_leaves_ready_or_failed()
    {
        foreach (var from in Enum.GetValues<BatchState>())
        {
            foreach (var happened in Enum.GetValues<BatchEvent>())
            {
                var next = BatchStates.Next(from, happened);
                if (from is BatchState.Ready or BatchState.Failed)
                {
                    Assert.Equal(happened == BatchEvent.Claim ? BatchState.Claimed : null, next);
                }
                else if (from == BatchState.Claimed)
                {
                    Assert.Equal(happened != BatchEvent.Claim, next is not null);
                }
                else
                {
                    Assert.Null(next); // sent and uncertain are final: only a person resends
                }
            }
        }
    }

    public static TheoryData<string, bool, string?, string> Runs() => new()
    {
        // from, claim write wins, outcome the send reports (null: not reached), expected trace
        { "Ready", true, "Sent", "claim claimed send sent record:Sent recorded" },
        { "Failed", true, "Failed", "claim claimed send sent record:Failed recorded" },
        { "Ready", true, "Uncertain", "claim claimed send sent record:Uncertain recorded" },
        { "Ready", false, null, "claim" },
        { "Claimed", true, null, "" },
        { "Sent", true, null, "" },
        { "Uncertain", true, null, "" },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task A_run_claims_sends_and_records_in_that_order(string fromName, bool claimWins, string? outcome, string trace)
    {
        var from = Enum.Parse<BatchState>(fromName);
        var (engine, faults, _) = Engine();
        var row = new FakeRow(from, null, faults.Trace) { ClaimWins = claimWins };
        var run = await engine.RunAsync(row, () =>
        {
            faults.Trace.Add("send");
            return Task.FromResult(Enum.Parse<BatchState>(outcome!));
        }, r => r, TestContext.Current.CancellationToken);

        Assert.Equal(trace, string.Join(' ', faults.Trace));
        Assert.Equal(outcome, run?.Outcome.ToString());
        Assert.Equal(outcome is null ? from : Enum.Parse<BatchState>(outcome), row.State);
    }

    public static TheoryData<string, int?, bool, bool> Stale() => new()
    {
        // from, claimed this many seconds ago (null: no claim time), the write wins, expected concluded
        { "Claimed", 300, true, true },
        { "Claimed", 299, true, false },
        { "Claimed", null, true, true },
        { "Claimed", 3600, false, false },
        { "Ready", 3600, true, false },
        { "Failed", 3600, true, false },
        { "Sent", 3600, true, false },
    };

    [Theory]
    [MemberData(nameof(Stale))]
    public async Task Only_a_stale_claim_turns_uncertain(string fromName, int? claimedSecondsAgo, bool writeWins, bool concluded)
    {
        var from = Enum.Parse<BatchState>(fromName);
        var (engine, faults, time) = Engine();
        var row = new FakeRow(from, claimedSecondsAgo is { } s ? time.GetUtcNow().AddSeconds(-s) : null, faults.Trace) { ClaimWins = writeWins };

        Assert.Equal(concluded, await engine.TryConcludeStaleAsync(row, Timeout, TestContext.Current.CancellationToken));
        Assert.Equal(concluded ? BatchState.Uncertain : from, row.State);
    }

    private static (ClaimedSend Engine, TracingFaults Faults, FakeTimeProvider Time) Engine()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var faults = new TracingFaults();
        // The fake row asks for no delivery-log rows, so the log (and its tables) is never touched.
        var log = new DeliveryLog(null!, null!, time, NullLogger<DeliveryLog>.Instance);
        return (new ClaimedSend(log, faults, time), faults, time);
    }

    private sealed class TracingFaults : SendFaults
    {
        public List<string> Trace { get; } = [];

        public override void At(string point) => Trace.Add(point);
    }

    /// <summary>A row whose conditional writes win or lose as told, and which moves by the table like a real one.</summary>
    private sealed class FakeRow(BatchState state, DateTimeOffset? claimedAt, List<string> trace) : IClaimRow<BatchState>
    {
        public bool ClaimWins { get; init; } = true;

        public BatchState State { get; private set; } = state;

        public DateTimeOffset? ClaimedAt { get; private set; } = claimedAt;

        public Task<bool> TryClaimAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            trace.Add("claim");
            if (ClaimWins)
            {
                (State, ClaimedAt) = (BatchState.Claimed, now);
            }
            return Task.FromResult(ClaimWins);
        }

        public Task<bool> RecordAsync(BatchState outcome, BatchState result, DateTimeOffset now)
        {
            trace.Add("record:" + outcome);
            State = outcome;
            return Task.FromResult(true);
        }

        public Task<bool> TryRecordUncertainAsync(CancellationToken cancellationToken)
        {
            if (ClaimWins)
            {
                State = BatchState.Uncertain;
            }
            return Task.FromResult(ClaimWins);
        }

        public IEnumerable<DeliveryRecord> DeliveryRecords(BatchState outcome, BatchState result) => [];
    }
}
