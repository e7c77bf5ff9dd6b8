// Applies the complete app settings set (main.bicep builds it). A separate step so the settings,
// and with them the Key Vault references, arrive after the identity holds its roles.

@description('Function App name.')
param appName string

@description('Every app setting, name to value; replaces the existing set.')
param settings object

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: appName
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: settings
}
