// The SDK sets no timeout on a request by default, so a server that accepts the connection and never
// answers would hold the step until the job's limit. These bound each attempt; the SDK's standard
// retry strategy then retries it. (Their own module: explain.ts words them, client.ts sets them.)
export const CONNECTION_TIMEOUT_MS = 3_000
export const REQUEST_TIMEOUT_MS = 10_000
