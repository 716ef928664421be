// What cdk-nag's AwsSolutions pack flags in the stack and the stack means, each with why. A suppression names the
// resources it covers by their logical ids (a pattern), and an IAM finding also the very action or resource it allows.
'use strict';

module.exports = [
  {
    id: 'AwsSolutions-APIG4',
    resources: /^ApiHttpApiGET(product|productid|inventory|health|healthready|\w+swagger|\w+swaggerproxy)[0-9A-F]{8}$/,
    reason: 'Anonymous by design: the catalogue reads, stock counts, health and each Swagger UI; every other route has the JWT authorizer.',
  },
  {
    id: 'AwsSolutions-SQS3',
    resources: /(RuleDLQ|StreamDLQ)[0-9A-F]{8}$/,
    reason: 'These are dead-letter queues, of an EventBridge target or a Lambda stream mapping; cdk-nag knows only an SQS redrive policy as one.',
  },
  {
    id: 'AwsSolutions-IAM5',
    resources: /^FunctionsOrdering\w+RoleDefaultPolicy[0-9A-F]{8}$|^FunctionsProductRoleDefaultPolicy[0-9A-F]{8}$/,
    appliesTo: [{ regex: '/^Resource::<Data\\w+\\.Arn>\\/index\\/\\*$/g' }],
    reason: "CDK's table grant covers the table's own indexes (index/*), which the service queries; no other table.",
  },
  {
    id: 'AwsSolutions-IAM5',
    resources: /^Functions(Product|Ordering)PublisherRoleDefaultPolicy[0-9A-F]{8}$/,
    appliesTo: ['Resource::*'],
    reason: 'dynamodb:ListStreams alone, which IAM takes on * only, as AWS\'s own stream policy for Lambda grants it; the stream reads name the stream.',
  },
  {
    id: 'AwsSolutions-IAM5',
    resources: /^FunctionsPayment\w+RoleDefaultPolicy[0-9A-F]{8}$/,
    appliesTo: ['Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*'],
    reason: "kms:Decrypt for the Stripe key's SecureString: only through SSM and only for that parameter (kms:ViaService and the encryption context); the AWS-managed key's id is not known to IAM.",
  },
  {
    id: 'AwsSolutions-IAM5',
    resources: /^StorefrontDeploymentRoleDefaultPolicy[0-9A-F]{8}$/,
    appliesTo: [
      'Action::s3:Abort*', 'Action::s3:DeleteObject*', 'Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*',
      'Resource::<StorefrontFiles7E80C03E.Arn>/*',
      'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
      'Resource::*',
    ],
    reason: "CDK's BucketDeployment: reads the bootstrap asset bucket, syncs the storefront's own bucket, and creates CloudFront invalidations, which IAM takes on * only.",
  },
  {
    id: 'AwsSolutions-IAM4',
    resources: /^CustomS3AutoDeleteObjectsCustomResourceProviderRole[0-9A-F]{8}$/,
    appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    reason: "CDK's own provider that empties a non-prod storefront bucket on delete; its role is CDK's, not the stack's.",
  },
  {
    id: 'AwsSolutions-L1',
    resources: /^CustomCDKBucketDeployment\w+$/,
    reason: "CDK's BucketDeployment function, whose runtime CDK pins with the AWS CLI it bundles; it runs during deployments only.",
  },
  {
    id: 'CdkNagValidationFailure',
    resources: /^CustomS3AutoDeleteObjectsCustomResourceProviderHandler[0-9A-F]{8}$/,
    reason: "cdk-nag cannot read the runtime of CDK's auto-delete provider from the template; the provider is CDK's.",
  },
  {
    id: 'AwsSolutions-SMG4',
    resources: /^FunctionsPagingTokenKey[0-9A-F]{8}$/,
    reason: "The paging tokens' HMAC key: rotating it only ends outstanding page tokens, and the functions read it at deploy time (deploy/README.md, The paging key).",
  },
  {
    id: 'AwsSolutions-COG2',
    resources: /^IdentityUserPool[0-9A-F]{8}$/,
    reason: 'MFA is for admins (TOTP, required for admin rights in prod); shoppers are not made to enrol a second factor.',
  },
  {
    id: 'AwsSolutions-COG8',
    resources: /^IdentityUserPool[0-9A-F]{8}$/,
    reason: "The Plus plan's threat protection is billed per active user; a deployer who wants it turns it on (docs/architecture.md).",
  },
  {
    id: 'AwsSolutions-S1',
    resources: /^StorefrontFiles[0-9A-F]{8}$/,
    reason: 'The storefront bucket holds the published app only, read by this distribution alone; its writes are the stack\'s deployments.',
  },
  {
    id: 'AwsSolutions-CFR1',
    resources: /^StorefrontDistribution[0-9A-F]{8}$/,
    reason: 'The shop sells wherever its owner chooses; no geographic restriction by default.',
  },
  {
    id: 'AwsSolutions-CFR2',
    resources: /^StorefrontDistribution[0-9A-F]{8}$/,
    reason: 'Every API route is throttled and the consumers keep their own concurrency; a WAF web ACL is the deployer\'s choice and cost (deploy/README.md, Throttling).',
  },
  {
    id: 'AwsSolutions-CFR3',
    resources: /^StorefrontDistribution[0-9A-F]{8}$/,
    reason: "The API's requests are logged by API Gateway's access log; the storefront's are static files, CloudFront's standard metrics cover them.",
  },
  {
    id: 'AwsSolutions-CFR4',
    resources: /^StorefrontDistribution[0-9A-F]{8}$/,
    reason: "The distribution uses CloudFront's own *.cloudfront.net certificate, whose security policy CloudFront fixes; a custom domain's certificate sets TLSv1.2_2021.",
  },
];
