/**
 * Amazon S3 in the emulator: buckets and objects over S3's REST-XML protocol, path-style and
 * virtual-hosted, with aws-chunked uploads and their checksums.
 */
package dev.studiolifecycle.local.emulator.s3;
