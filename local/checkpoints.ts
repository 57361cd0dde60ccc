// Where each stream mapping got to, per shard, kept in the data dir so a restart resumes
// after the last processed record instead of replaying or skipping.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

export interface ShardCheckpoint {
  /** Last processed sequence number; absent while nothing was processed yet. */
  sequenceNumber?: string;
  /** The shard was closed and read to its end. */
  finished?: boolean;
}

interface MappingCheckpoint {
  streamArn: string;
  shards: Record<string, ShardCheckpoint>;
}

export class CheckpointStore {
  private readonly state: Record<string, MappingCheckpoint>;

  constructor(private readonly file: string) {
    this.state = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, MappingCheckpoint>) : {};
  }

  /** The shards of `mapping`, forgotten if the stream changed (the table was recreated). */
  shards(mapping: string, streamArn: string): Record<string, ShardCheckpoint> {
    const existing = this.state[mapping];
    if (!existing || existing.streamArn !== streamArn) {
      this.state[mapping] = { streamArn, shards: {} };
      this.save();
    }
    return this.state[mapping]!.shards;
  }

  update(mapping: string, shardId: string, change: ShardCheckpoint): void {
    const shards = this.state[mapping]?.shards;
    if (!shards) return;
    shards[shardId] = { ...shards[shardId], ...change };
    this.save();
  }

  private save(): void {
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.state, null, 1));
    renameSync(`${this.file}.tmp`, this.file);
  }
}
