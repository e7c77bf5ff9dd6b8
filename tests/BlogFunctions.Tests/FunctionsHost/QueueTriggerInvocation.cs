using System.Globalization;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using BlogFunctions.Tests.FunctionsHost.Rpc;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// The InvocationRequest the Functions host sends for one queue message. The trigger's input is
/// the decoded text; the trigger metadata is the queue extension's binding data run through the
/// host's RPC conversion: strings stay <c>String</c> (QueueTrigger, Id, PopReceipt), anything else
/// is JSON-serialized (DequeueCount a number, the three times quoted ISO 8601 strings), and a
/// missing value is left out.
/// </summary>
internal static class QueueTriggerInvocation
{
    public static InvocationRequest For(IndexedFunction function, QueueMessage message)
    {
        var text = message.Body.ToString();
        var request = WorkerChannel.NewInvocation(function);
        request.InputData.Add(new ParameterBinding { Name = (string)function.Trigger["name"]!, Data = new TypedData { String = text } });
        var metadata = request.TriggerMetadata;
        metadata["QueueTrigger"] = new TypedData { String = text };
        metadata["DequeueCount"] = new TypedData { Json = message.DequeueCount.ToString(CultureInfo.InvariantCulture) };
        metadata["Id"] = new TypedData { String = message.MessageId };
        metadata["PopReceipt"] = new TypedData { String = message.PopReceipt };
        Time(metadata, "InsertionTime", message.InsertedOn);
        Time(metadata, "ExpirationTime", message.ExpiresOn);
        Time(metadata, "NextVisibleTime", message.NextVisibleOn);
        return request;
    }

    /// <summary>A message that never was on a queue, for a test that hands one straight to the function.</summary>
    public static QueueMessage Direct(string text)
    {
        var now = DateTimeOffset.UtcNow;
        return QueuesModelFactory.QueueMessage(Guid.NewGuid().ToString(), Guid.NewGuid().ToString("N"), BinaryData.FromString(text),
            dequeueCount: 1, nextVisibleOn: now.AddMinutes(10), insertedOn: now, expiresOn: now.AddDays(7));
    }

    private static void Time(Google.Protobuf.Collections.MapField<string, TypedData> metadata, string key, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            metadata[key] = new TypedData { Json = JsonSerializer.Serialize(time) };
        }
    }
}
