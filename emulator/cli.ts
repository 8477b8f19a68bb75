// Runs the local CloudFront endpoint until interrupted:
//   npm run emulator -- --port 4566 --distribution E2QWRUHAPOMQZL --completion-delay-ms 5000
import { parseArgs } from 'node:util'
import { CloudFrontEmulator } from './server.js'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    distribution: { type: 'string', multiple: true, default: [] },
    tenant: { type: 'string', multiple: true, default: [] },
    'completion-delay-ms': { type: 'string', default: '0' },
    verbose: { type: 'boolean', default: false }
  }
})
const emulator = new CloudFrontEmulator({
  port: Number(values.port),
  distributions: values.distribution,
  tenants: values.tenant,
  completionDelayMs: Number(values['completion-delay-ms']),
  verbose: values.verbose
})
const url = await emulator.start()
console.log(`CloudFront emulator listening on ${url} (distributions: ${values.distribution.join(', ') || 'none yet'})`)
console.log(`Point the SDK or the AWS CLI at it with AWS_ENDPOINT_URL_CLOUDFRONT=${url}`)
const stop = () => void emulator.stop().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
