-- The full-text vectors are made from texts without soft hyphens
-- (store.SearchText): an outlet's "Myan<U+00AD>mar" is found by a search
-- for Myanmar. The vectors of rows stored before are made again by the
-- migration's Go step (searchtext.go); this file only records it.
SELECT 1;
