// The bare baseline a check is compared with: NestJS + Fastify, one pg point-select per request, no auth,
// no gRPC, no logging. BASELINE_DATABASE_URL, PORT.
import 'reflect-metadata';
import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.BASELINE_DATABASE_URL, max: 10 });

@Controller()
class BaselineController {
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Post('profile')
  @HttpCode(200)
  async profile(@Body() body: { key: string }) {
    const { rows } = await pool.query('SELECT subject_key, name, adverse_count FROM credit_check.subject_profile WHERE subject_key = $1', [body.key]);
    return rows[0] ?? null;
  }
}

@Module({ controllers: [BaselineController] })
class BaselineModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(BaselineModule, new FastifyAdapter(), { logger: false });
  await app.listen(Number(process.env.PORT), '127.0.0.1');
  process.stdout.write('listening\n');
}

void main();
