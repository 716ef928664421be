// The user pool's pre token generation trigger (event version 2, nodejs24.x), in the prod stage. Cognito's access
// tokens say nothing of how the user signed in; this adds "ecommerce:mfa": "totp" to an admin's access token when the
// admin has TOTP enabled, which the pool (MFA optional) then asks for at every sign-in. The services grant admin
// rights only with that claim (Auth__AdminRequiresMfa), so an admin without a second factor is only a shopper.

const MFA_CLAIM = 'ecommerce:mfa';
const ADMIN_GROUP = 'admin';

let cognito;

// The AWS SDK for JavaScript v3 comes with Lambda's Node.js runtime.
async function mfaSettingsOf(userPoolId, username) {
  const { CognitoIdentityProviderClient, AdminGetUserCommand } = require('@aws-sdk/client-cognito-identity-provider');
  cognito = cognito || new CognitoIdentityProviderClient({});
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
  return user.UserMFASettingList || [];
}

async function addMfaClaim(event, settingsOf) {
  const groups = (event.request.groupConfiguration && event.request.groupConfiguration.groupsToOverride) || [];
  if (groups.includes(ADMIN_GROUP) && (await settingsOf(event.userPoolId, event.userName)).includes('SOFTWARE_TOKEN_MFA')) {
    event.response = {
      claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { [MFA_CLAIM]: 'totp' } } },
    };
  }

  return event;
}

exports.addMfaClaim = addMfaClaim;
exports.handler = (event) => addMfaClaim(event, mfaSettingsOf);
