// Flex Consumption plan and the Function App (dotnet-isolated, .NET 10) with a system-assigned
// identity. App settings are applied by appsettings.bicep once the identity holds its roles.

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Flex Consumption plan name.')
param planName string

@description('Function App name.')
param appName string

@description('azd service name this app deploys (azure.yaml).')
param serviceName string

@description('Blob endpoint of the storage account that holds the deployment package.')
param blobEndpoint string

@description('Container of the deployment package.')
param deploymentContainerName string

@description('Origins (scheme://host[:port]) of the blog pages that call the API; the same list main.bicep gives Core as Cors__AllowedOrigins__N.')
param corsAllowedOrigins array

@description('Most instances the app scales out to; a small blog never needs many, and the cap bounds the bill.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory per instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Flex Consumption runs the platform's CORS middleware from this block before any function:
      // it answers every OPTIONS preflight itself, and an origin missing here gets a 204 without
      // Access-Control-Allow-Origin, so the browser never sends the widget's JSON POST. The list
      // is therefore the blog origins, the same parameter Core reads as Cors__AllowedOrigins.
      // No credentials: the API authenticates with bearer keys and signed links, not cookies.
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        // Flex only accepts the catalogue spelling "10.0"; "10" deploys but the host never starts.
        version: '10.0'
      }
    }
  }
}

// Deployments go through Entra ID (azd / az functionapp deployment); no publishing passwords.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = app.name
output principalId string = app.identity.principalId
output defaultHostName string = app.properties.defaultHostName
