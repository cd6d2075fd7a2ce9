#!/bin/sh
# npm test's static checks side by side: the compiler and the linter each build their own program of the whole
# project on one core, so on two cores together they take the longer one's time, not the sum. Both always run
# to the end, so that one report shows every error; the status is the first failure's.
npm run -s typecheck &
typecheck=$!
npm run -s lint
lint=$?
wait "$typecheck"
typecheck=$?
[ "$typecheck" -eq 0 ] && exit "$lint"
exit "$typecheck"
