/*
 * The grammar of Neurite's .nn language (see docs/LANGUAGE.md).
 *
 * Layer, activation, loss, optimizer, init and data-source names are plain identifiers here: the checker
 * resolves them, so a misspelt name gets a "did you mean" instead of a syntax error. Statements end at a
 * newline or ';'; inside (...) and [...] newlines are allowed wherever a list element may start or end.
 * Characters the language does not know and unterminated strings or comments go to the hidden channel, so
 * the parser never sees them; the front end finds them by token type and reports them itself.
 */
grammar Neurite;

/* A loop over alternatives (not "declaration (sep+ declaration)*") lets error recovery resume at the next line. */
program      : (declaration | sep)* EOF ;

declaration  : constDecl | modelDecl | trainDecl ;

constDecl    : CONST name=ID '=' expr ;

modelDecl    : MODEL name=ID '{' sep* (modelStmt (sep+ modelStmt)*)? sep* '}' ;

modelStmt    : inputStmt | lossStmt | optimizerStmt | layerStmt ;

inputStmt    : INPUT name=ID ':' shape ;

shape        : '[' NL* expr (NL* ',' NL* expr)* (NL* ',')? NL* ']' ;

lossStmt     : LOSS call ;

optimizerStmt: OPTIMIZER call ;

/* dense 512 (bias = false) -> relu init normal(std = 0.01) */
layerStmt    : kind=ID value? arguments? (ARROW activation=call)? (INIT init=call)? ;

trainDecl    : TRAIN name=ID '{' sep* (setting (sep+ setting)*)? sep* '}' ;

/* data spiral(samples = 100), epochs 5, normalize(mean = 0.5, std = 0.5) */
setting      : key=ID value? arguments? ;

call         : name=ID arguments? ;

arguments    : '(' NL* (argument (NL* ',' NL* argument)* (NL* ',')?)? NL* ')' ;

argument     : (name=ID '=')? value ;

value        : STRING | TRUE | FALSE | expr ;

/* Flat lists instead of left recursion keep the parse tree as shallow as the parentheses are deep. */
expr         : term (addOp term)* ;
addOp        : '+' | '-' ;
term         : factor (mulOp factor)* ;
mulOp        : '*' | '/' ;
factor       : '-'* atom ;
atom         : NUMBER | ID | '(' expr ')' ;

sep          : NL | ';' ;

CONST        : 'const' ;
MODEL        : 'model' ;
TRAIN        : 'train' ;
INPUT        : 'input' ;
LOSS         : 'loss' ;
OPTIMIZER    : 'optimizer' ;
INIT         : 'init' ;
TRUE         : 'true' ;
FALSE        : 'false' ;

ARROW        : '->' ;
NUMBER       : DIGITS ('.' DIGITS?)? EXPONENT? | '.' DIGITS EXPONENT? ;
ID           : [a-zA-Z_] [a-zA-Z_0-9]* ;
STRING       : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;

NL           : '\r'? '\n' | '\r' ;
WS           : [ \t\f\u00A0\uFEFF]+ -> skip ;
LINE_COMMENT : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT: '/*' .*? '*/' -> skip ;

/* Text that cannot contain a closing star-slash, so a closed comment never lexes as this longer match. */
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF -> channel(HIDDEN) ;
UNTERMINATED_STRING  : '"' (~["\\\r\n] | '\\' ~[\r\n])* '\\'? -> channel(HIDDEN) ;
UNKNOWN_CHAR         : . -> channel(HIDDEN) ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;
