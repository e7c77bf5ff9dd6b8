// Key Vault (RBAC authorization) with the app's secrets. App settings reference the versionless
// secret URIs, so a new secret version reaches the app without touching its settings.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Key Vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('HMAC key for tokens and IP hashes (at least 32 characters).')
@secure()
@minLength(32)
param signingKey string

@description('Moderator bearer keys, comma-separated; the first is the current one, others are kept during a rotation.')
@secure()
param moderatorKeys string

@description('SendGrid API key (Mail Send permission).')
@secure()
@minLength(1)
param sendGridApiKey string

var moderatorKeyList = filter(map(split(moderatorKeys, ','), k => trim(k)), k => !empty(k))

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource signingKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'signing-key'
  properties: {
    value: signingKey
    contentType: 'text/plain'
  }
}

resource moderatorKeySecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for (key, i) in moderatorKeyList: {
    parent: vault
    name: 'moderator-key-${i}'
    properties: {
      value: key
      contentType: 'text/plain'
    }
  }
]

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'sendgrid-api-key'
  properties: {
    value: sendGridApiKey
    contentType: 'text/plain'
  }
}

output name string = vault.name
output id string = vault.id
output signingKeyUri string = signingKeySecret.properties.secretUri
output moderatorKeyUris array = [for i in range(0, length(moderatorKeyList)): moderatorKeySecrets[i].properties.secretUri]
output sendGridApiKeyUri string = sendGridSecret.properties.secretUri
