"""Word from a prepared context: docxtpl in a closed sandbox, the template check, OOXML order."""
