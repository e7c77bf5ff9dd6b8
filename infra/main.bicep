// BlogFunctions on Azure: a Flex Consumption Function App reaching its storage and Key Vault with
// its own identity, no connection string or key in plain app settings. `azd up` deploys this;
// README.md (Deploy) explains each parameter and setting.
targetScope = 'subscription'

@description('azd environment name; names the resource group and seeds resource names.')
@minLength(1)
@maxLength(48)
param environmentName string

@description('Azure region for every resource (must offer Flex Consumption).')
param location string

@description('Object id of the principal running the deployment; it may manage the vault secrets. Empty: none.')
param principalId string = ''

@description('Type of principalId.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string = 'User'

@description('Origins (scheme://host[:port]) of the blog pages that call the API, comma-separated, e.g. https://blog.example.')
param corsAllowedOrigins string = ''

@description('Public base URL of the API host for links in emails; empty uses https://<app>.azurewebsites.net.')
param publicBaseUrl string = ''

@description('HMAC key for every token and IP hash, at least 32 characters. Changing it invalidates outstanding links.')
@secure()
@minLength(32)
param signingKey string

@description('Moderator bearer keys, comma-separated (current first, then any kept during a rotation).')
@secure()
@minLength(16)
param moderatorKeys string

@description('"true": also accept an App Service Authentication principal with the moderator role (enable Easy Auth first).')
@allowed(['', 'true', 'false'])
param trustAppServiceAuthentication string = ''

@description('Email addresses told about each held comment, comma-separated.')
param moderationNotifyEmails string = ''

@description('Which comments wait for a moderator: All, FirstTime, Links or None. Empty: FirstTime.')
@allowed(['', 'All', 'FirstTime', 'Links', 'None'])
param commentsMode string = ''

@description('Words that mark a comment as spam, comma-separated.')
param commentsBlockedWords string = ''

@description('Link hosts (and subdomains) that mark a comment as spam, comma-separated.')
param commentsBlockedHosts string = ''

@description('URL of a post on the blog with {postId} as placeholder, for links from the moderation page.')
param postUrlTemplate string = ''

@description('SendGrid API key (Mail Send permission). Required: outside Development the app refuses to start without one, since every email must really go out.')
@secure()
@minLength(1)
param sendGridApiKey string

@description('Public key of the SendGrid signed event webhook (base64), from the SendGrid settings page.')
param sendGridWebhookPublicKey string = ''

@description('Sender address of every email (a verified SendGrid sender).')
param emailFrom string = ''

@description('Sender display name.')
param emailFromName string = ''

@description('Postal address printed in every email footer (anti-spam laws require one).')
param emailPostalAddress string = ''

@description('RSS or Atom feed of the blog for the newsletter. Empty: posts are registered with POST /api/posts.')
param newsletterFeedUrl string = ''

@description('Most Function App instances.')
param maximumInstanceCount int = 40

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var deploymentContainerName = 'app-package-${resourceToken}'
// Names known before deployment (not module outputs), so What-If can predict every resource.
var names = {
  workspace: 'log-${resourceToken}'
  appInsights: 'appi-${resourceToken}'
  storage: 'st${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  plan: 'plan-${resourceToken}'
  app: 'func-${resourceToken}'
}

// Array options become Section__Name__0, __1, ... (the .NET configuration convention for arrays).
func indexed(name string, values array) object =>
  toObject(range(0, length(values)), i => '${name}__${i}', i => string(values[i]))

func list(commaSeparated string) array => filter(map(split(commaSeparated, ','), v => trim(v)), v => !empty(v))

func keyVaultReference(secretUri string) string => '@Microsoft.KeyVault(SecretUri=${secretUri})'

// One list for both CORS layers (platform preflight in functionapp.bicep, Core's headers in the
// app settings below), so an origin can never be allowed by one and refused by the other.
var corsOrigins = list(corsAllowedOrigins)

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    workspaceName: names.workspace
    appInsightsName: names.appInsights
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    name: names.storage
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    name: names.keyVault
    signingKey: signingKey
    moderatorKeys: moderatorKeys
    sendGridApiKey: sendGridApiKey
  }
}

module functionApp 'modules/functionapp.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    planName: names.plan
    appName: names.app
    serviceName: 'api'
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    maximumInstanceCount: maximumInstanceCount
    corsAllowedOrigins: corsOrigins
  }
}

module roles 'modules/roles.bicep' = {
  scope: rg
  dependsOn: [keyVault]
  params: {
    // The identity exists only once the app does; role assignments are keyed by it on purpose,
    // so a recreated app gets fresh assignments instead of a conflict.
    #disable-next-line what-if-short-circuiting
    principalId: functionApp.outputs.principalId
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    operatorPrincipalId: principalId
    operatorPrincipalType: principalType
  }
}

var apiBaseUrl = empty(publicBaseUrl) ? 'https://${functionApp.outputs.defaultHostName}' : publicBaseUrl

// Every app setting. SettingsParityTests checks this block against the options Core binds: a new
// option needs a line here, and a line here needs an option (or a reason in the test).
var declaredSettings = union(
  {
    // Functions host: storage by identity, telemetry.
    AzureWebJobsStorage__accountName: storage.outputs.name
    AzureWebJobsStorage__credential: 'managedidentity'
    APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
    // BlogFunctions.Core
    PublicBaseUrl: apiBaseUrl
    Security__SigningKey: keyVaultReference(keyVault.outputs.signingKeyUri)
    Security__TrustForwardedFor: 'true'
    Cors__PreflightMaxAgeSeconds: '600'
    Moderation__TrustAppServiceAuthentication: trustAppServiceAuthentication
    Moderation__Role: 'moderator'
    Comments__Mode: commentsMode
    Comments__MinSecondsToSubmit: '3'
    Comments__MaxLinks: '2'
    Comments__ReadCacheSeconds: '2'
    Comments__ReadCacheMegabytes: '32'
    Comments__PageSize: '100'
    Comments__RateLimit__Count: '5'
    Comments__RateLimit__WindowSeconds: '600'
    Web__PostUrlTemplate: postUrlTemplate
    Subscriptions__ConfirmValidHours: '48'
    Subscriptions__ResendAfterMinutes: '10'
    Subscriptions__RateLimitCount: '10'
    Subscriptions__RateLimitWindowMinutes: '60'
    Subscriptions__ConsentWording: 'v1'
    Newsletter__FeedUrl: newsletterFeedUrl
    Newsletter__Schedule: '0 0 * * * *'
    Newsletter__MaxAgeDays: '3'
    Newsletter__DigestDay: 'Monday'
    Newsletter__DigestHour: '8'
    Newsletter__ChunkSize: '1000'
    Newsletter__ClaimTimeoutSeconds: '300'
    Newsletter__SendConcurrency: '4'
    Newsletter__PlannerSendSeconds: '120'
    Newsletter__MaxChunkAttempts: '10'
    Newsletter__SendRetries: '4'
    Newsletter__SendRetryDelayMilliseconds: '1000'
    Moderation__DigestDelaySeconds: '60'
    Notifications__DelaySeconds: '300'
    Maintenance__Schedule: '0 30 * * * *'
    Imports__MaxUploadMegabytes: '200'
    Imports__ChunkSize: '500'
    Imports__ChunksInParallel: '4'
    Email__From: emailFrom
    Email__FromName: emailFromName
    Email__PostalAddress: emailPostalAddress
    SendGrid__ApiKey: keyVaultReference(keyVault.outputs.sendGridApiKeyUri)
    SendGrid__WebhookPublicKey: sendGridWebhookPublicKey
  },
  indexed('Cors__AllowedOrigins', corsOrigins),
  indexed('Moderation__Keys', map(keyVault.outputs.moderatorKeyUris, uri => keyVaultReference(uri))),
  indexed('Moderation__NotifyEmails', list(moderationNotifyEmails)),
  indexed('Comments__BlockedWords', list(commentsBlockedWords)),
  indexed('Comments__BlockedHosts', list(commentsBlockedHosts))
)

// An empty value means "keep the code default": such settings are left out instead of binding ''.
var appSettings = toObject(filter(items(declaredSettings), s => !empty(s.value)), s => s.key, s => s.value)

module settings 'modules/appsettings.bicep' = {
  scope: rg
  dependsOn: [roles]
  params: {
    appName: names.app
    settings: appSettings
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output API_BASE_URL string = '${apiBaseUrl}/api'
