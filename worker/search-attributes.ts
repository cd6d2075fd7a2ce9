/**
 * Registers the engine's search attributes on a server. A dev server started on an existing SQLite file
 * skips its own namespace setup (its `--search-attribute` flags are then ignored), and the time-skipping
 * test server knows none, so both go through the operator service, one attribute at a time, so that
 * those already there do not stop the others.
 */
import { isGrpcServiceError } from '@temporalio/client';
import type { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

const GRPC_ALREADY_EXISTS = 6;

export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  for (const { name, type } of SEARCH_ATTRIBUTES) {
    try {
      await connection.operatorService.addSearchAttributes({
        namespace,
        // Defined for every SearchAttributeType; undefined only for a null input.
        searchAttributes: { [name]: encodeSearchAttributeIndexedValueType(type)! },
      });
    } catch (err) {
      if (!(isGrpcServiceError(err) && err.code === GRPC_ALREADY_EXISTS)) throw err;
    }
  }
}
