// Data source for the TypeORM CLI (npm run migration:run / migration:generate), on the compiled code.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is missing: set it to e.g. postgres://postgres@127.0.0.1:5432/malipo');
export default new DataSource(dataSourceOptions(url));
