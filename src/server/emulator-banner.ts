/**
 * What `orgql serve` prints about its embedded emulator: the address and a command to paste. The
 * emulator accepts any credentials (it checks no signature), but the AWS CLI refuses to send a
 * request without some, so the line carries dummy ones. Debian's awscli is /usr/bin/aws; a bare
 * `aws` on PATH may be an older CLI.
 */
export function emulatorBanner(emulatorUrl: string): string {
  return [
    '',
    `The embedded AWS Organizations emulator listens at ${emulatorUrl} (ORGQL_EMULATOR_PORT).`,
    'It accepts any credentials; try the AWS CLI against it:',
    '',
    `  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 /usr/bin/aws organizations list-roots --endpoint-url ${emulatorUrl}`,
    '',
  ].join('\n');
}
