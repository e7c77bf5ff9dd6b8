using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BlogFunctions.Tests.Notifications;

/// <summary>Records every storage request a client sends (method, service and resource), for tests that count them.</summary>
internal sealed class StorageCallCounter(string service) : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> _calls = new();

    public bool Enabled { get; set; }

    public override void OnSendingRequest(HttpMessage message)
    {
        if (Enabled)
        {
            var uri = message.Request.Uri.ToUri();
            // Azurite's path starts with the account name; the resource follows it.
            var resource = string.Join('/', uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1));
            _calls.Enqueue($"{message.Request.Method} {service} {Uri.UnescapeDataString(resource)}");
        }
    }

    public IReadOnlyList<string> Take()
    {
        var list = new List<string>();
        while (_calls.TryDequeue(out var call))
        {
            list.Add(call);
        }
        return list;
    }
}
