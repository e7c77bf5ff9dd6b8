using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>
/// The subscriber routes' answers and the SendGrid event batch, with the web defaults, generated at
/// build time (no reflection on a cold start). The request bodies keep <see cref="SubscriptionJsonContext"/>.
/// </summary>
[JsonSerializable(typeof(SubscribeAccepted))]
[JsonSerializable(typeof(SubscriberPage))]
[JsonSerializable(typeof(EraseResult))]
[JsonSerializable(typeof(EventsAccepted))]
[JsonSerializable(typeof(JsonElement[]))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class SubscriberAnswersJson : JsonSerializerContext;
