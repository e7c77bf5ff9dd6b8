// The least roles the app's identity needs, each scoped to one resource:
// - Storage Blob Data Owner: the Functions host keeps leases, timer schedules and keys in blobs and
//   creates its containers; Flex reads the deployment package with the same identity; comment
//   imports keep their uploads and chunk files in container comment-imports.
// - Storage Table Data Contributor: our tables (comments, index, counts, rate limits, ...).
// - Storage Queue Data Contributor: the work queues (projection, moderator digest, newsletter steps, imports):
//   the app sends to them, and the host's queue triggers (and Flex's scaler) read and delete.
// - Key Vault Secrets User: resolving the @Microsoft.KeyVault(...) app settings.

@description('Object id of the Function App system-assigned identity.')
param principalId string

@description('Storage account name.')
param storageAccountName string

@description('Key Vault name.')
param keyVaultName string

@description('Optional user or service principal (azd sets the signed-in user) that may manage the vault secrets.')
param operatorPrincipalId string = ''

@description('Principal type of operatorPrincipalId.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param operatorPrincipalType string = 'User'

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

var storageRoles = [roles.storageBlobDataOwner, roles.storageTableDataContributor, roles.storageQueueDataContributor]

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    name: guid(storage.id, principalId, role)
    scope: storage
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    }
  }
]

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource secretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}
