// quotes-service's code these tests drive (the chapter's own).
export { buildApp as buildQuotesApp } from '../quotes-service/src/app';
export { QUOTES } from '../quotes-service/src/quotes';
